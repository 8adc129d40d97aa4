// Tells the host what the comparison shows (`rendered`: mode, plane, slice, label), once the visible
// panes really show it, and answers `probe` requests once the probed pane has drawn the probed slice.
import type { CompareRole, CompareView, CompareWebviewToHost, HostToCompareWebview } from '../../protocol/compare';
import type { Pane } from '../pane';

type ProbeMessage = Extract<HostToCompareWebview, { type: 'probe' }>;
export type PaneRole = CompareRole | 'overlay';

export class CompareReporter {
  private last = '';
  private probes: ProbeMessage[] = [];

  constructor(private readonly post: (message: CompareWebviewToHost) => void) {}

  addProbe(probe: ProbeMessage): void {
    this.probes.push(probe);
  }

  /** `drawn`: the panes showing `view`'s plane and slice right now, by role. */
  report(view: CompareView, drawn: ReadonlyMap<PaneRole, Pane>): void {
    const { drawMs, ...shown } = view;
    const key = JSON.stringify(shown);
    if (key !== this.last) {
      this.last = key;
      this.post({ type: 'rendered', ...shown, ...(drawMs !== undefined ? { drawMs } : {}) });
    }
    const waiting: ProbeMessage[] = [];
    for (const probe of this.probes) {
      const pane = drawn.get(probe.pane);
      if (view.view === 'error') {
        this.post({ type: 'probeResult', requestId: probe.requestId, pane: probe.pane, plane: probe.plane, index: probe.index, samples: [] });
      } else if (pane && view.plane === probe.plane && view.index === probe.index) {
        const samples = probe.voxels.map((voxel) => ({ voxel, rgba: pane.sample(voxel) }));
        this.post({ type: 'probeResult', requestId: probe.requestId, pane: probe.pane, plane: probe.plane, index: probe.index, samples });
      } else {
        waiting.push(probe);
      }
    }
    this.probes = waiting;
  }
}
