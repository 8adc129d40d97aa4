// Tells the host what is on screen: a `rendered` message whenever the visible slices change (the
// integration tests read the host's copy), and answers to `probe` requests once the probed slice
// is really drawn.
import type { HostToWebview, RenderedView, WebviewToHost } from '../protocol/viewer';
import type { Pane } from './pane';
import type { Screens } from './screens';
import type { Plane } from '../protocol/viewer';

type ProbeMessage = Extract<HostToWebview, { type: 'probe' }>;

export class ViewReporter {
  private last = '';
  private probes: ProbeMessage[] = [];

  constructor(
    private readonly api: { postMessage(message: WebviewToHost): void },
    private readonly screens: Screens,
    private readonly panes: Readonly<Record<Plane, Pane>>,
  ) {}

  addProbe(probe: ProbeMessage): void {
    this.probes.push(probe);
  }

  /** `views`: the panes that show the slice through the cursor right now. */
  report(views: readonly RenderedView[], message?: string): void {
    const view = this.screens.current;
    const drawMs = views.length > 0 ? Math.max(...views.map((v) => this.panes[v.plane].lastDrawMs)) : undefined;
    const key = JSON.stringify({ view, message, views });
    if (key !== this.last) {
      this.last = key;
      this.api.postMessage({
        type: 'rendered', view, views,
        ...(message !== undefined ? { message } : {}),
        ...(drawMs !== undefined ? { drawMs } : {}),
      });
    }
    this.answerProbes(views);
  }

  private answerProbes(views: readonly RenderedView[]): void {
    const waiting: ProbeMessage[] = [];
    for (const probe of this.probes) {
      if (this.screens.current === 'error') {
        this.api.postMessage({ type: 'probeResult', requestId: probe.requestId, plane: probe.plane, index: probe.index, samples: [] });
      } else if (views.some((v) => v.plane === probe.plane && v.index === probe.index)) {
        const pane = this.panes[probe.plane];
        const samples = probe.voxels.map((voxel) => ({ voxel, rgba: pane.sample(voxel) }));
        this.api.postMessage({ type: 'probeResult', requestId: probe.requestId, plane: probe.plane, index: probe.index, samples });
      } else {
        waiting.push(probe);
      }
    }
    this.probes = waiting;
  }
}
