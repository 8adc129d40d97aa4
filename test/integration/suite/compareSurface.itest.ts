// Surface distances in the comparison editor, in a real VS Code, on the nibabel fixture pair whose
// prediction is stored in LPS order (test/fixtures/surface, labels 1-3, 7 only in the reference, 9
// only in the prediction). Expected values are scipy's and the DeepMind library's, written by
// scripts/fixtures/make_surface_fixtures.py: cli.json (per label, foreground and foreground per
// axial slice) and cases.json (the same arrays, per label per axial slice).
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { compareAndWait, activeState, api, compareState, problemsOf, setCompareSetting, shownInWebview, until, type ComparisonState } from './compareHelpers';
import { closeAll, fixture } from './viewerHelpers';

const REF = 'surface/labels_ref.nii.gz';
const PRED = 'surface/labels_pred_lps.nii.gz';
const SETTINGS = ['surfaceMetrics', 'surfaceTolerance', 'flagHd95AboveMm'];

type Num = number | 'inf' | null;
interface Expected { hd: Num; hd95: Num; assd: Num; nsd: Record<string, Num> }

async function readJson<T>(relative: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(relative)))) as T;
}

async function expectations() {
  const cli = await readJson<{ cases: { labels: { expected: Record<string, Expected> & { foregroundSlicesK: Expected[] } } } }>('surface/cli.json');
  const cases = await readJson<{ cases: { name: string; perSlice?: { axis: number; expected: Record<string, Expected[]> } }[] }>('surface/cases.json');
  const perLabel = cases.cases.find((c) => c.name === 'three labels plus unrequested values')?.perSlice;
  assert.ok(perLabel && perLabel.axis === 2, 'per-slice expectations along k (axial)');
  return { volume: cli.cases.labels.expected, foregroundSlices: cli.cases.labels.expected.foregroundSlicesK, labelSlices: perLabel.expected };
}

/** |actual - expected| <= 1e-6 relative: the files store the spacing as float32, the expectations used it too. */
function assertClose(actual: number | null | undefined, expected: Num, what: string): void {
  const want = expected === 'inf' ? Infinity : expected;
  if (actual === want) return;
  assert.ok(typeof actual === 'number' && typeof want === 'number' && Math.abs(actual - want) <= 1e-6 * Math.abs(want), `${what}: expected ${want}, got ${actual}`);
}

async function surfaceReady(toleranceMm: number): Promise<ComparisonState> {
  return until(`surface distances at ${toleranceMm} mm`, async () => {
    const c = await activeState();
    return c.surface.kind === 'ready' && c.surface.toleranceMm === toleranceMm ? c : undefined;
  }, 60_000);
}

const HD95_PROBLEM = /^axial slice (\d+), (?:foreground|label (\d+)(?: \([^)]*\))?): HD95 ([\d.]+) mm above 10 mm \(Dice (\d\.\d+)\)$/;

describe('surface distances in the comparison editor', function () {
  this.timeout(120_000);

  afterEach(async () => {
    await closeAll();
    for (const key of SETTINGS) await setCompareSetting(key, undefined);
  });

  it('activeComparison() and the exported JSON carry scipy\'s HD95 (and HD, ASSD, NSD); τ changes recompute them', async () => {
    const want = await expectations();
    await setCompareSetting('surfaceMetrics', true);
    const a = await api();
    await a.compare(fixture(REF), fixture(PRED));
    await surfaceReady(1);
    const active = a.activeComparison();
    assert.ok(active?.surface, 'the active comparison has surface distances');
    assert.equal(active.label, null);
    assertClose(active.surface.hd95, want.volume.foreground!.hd95, 'foreground hd95');
    assertClose(active.surface.hd, want.volume.foreground!.hd, 'foreground hd');
    assertClose(active.surface.assd, want.volume.foreground!.assd, 'foreground assd');
    assertClose(active.surface.nsd, want.volume.foreground!.nsd['1.0']!, 'foreground nsd');
    want.foregroundSlices.forEach((s, k) => assertClose(active.surface!.sliceHd95[k], s.hd95, `foreground slice ${k} hd95`));

    const dir = fixture('exports-surface');
    await vscode.workspace.fs.createDirectory(dir);
    const target = vscode.Uri.joinPath(dir, 'surface.json');
    await vscode.commands.executeCommand('maskInspector.exportReport', target);
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as {
      labels: { label: number; hd: Num; hd95: Num; assd: Num; nsd: Num; toleranceMm: number }[];
      foreground: { hd95: Num };
      surface: { perSlice: boolean; conventions: { toleranceMm: number } };
    };
    assert.equal(json.surface.perSlice, true);
    assert.equal(json.surface.conventions.toleranceMm, 1);
    assert.deepEqual(json.labels.map((l) => l.label), [1, 2, 3, 7, 9]);
    for (const l of json.labels) {
      const e = want.volume[String(l.label)]!;
      // One-sided labels (7, 9) are written as the string "inf", as the CLI writes them.
      for (const key of ['hd', 'hd95', 'assd'] as const) {
        if (e[key] === 'inf') assert.equal(l[key], 'inf', `label ${l.label} ${key}`);
        else assertClose(l[key] as number, e[key], `label ${l.label} ${key}`);
      }
      assertClose(l.nsd as number, e.nsd['1.0']!, `label ${l.label} nsd`);
    }
    assertClose(json.foreground.hd95 as number, want.volume.foreground!.hd95, 'exported foreground hd95');

    // A new τ re-measures NSD (the Dice metrics stay); HD95 does not depend on it.
    await setCompareSetting('surfaceTolerance', 2);
    await surfaceReady(2);
    const at2 = a.activeComparison()!.surface!;
    assert.equal(at2.toleranceMm, 2);
    assertClose(at2.nsd, want.volume.foreground!.nsd['2.0']!, 'foreground nsd at 2 mm');
    assertClose(at2.hd95, want.volume.foreground!.hd95, 'foreground hd95 at τ 2');

    // Off: no surface distances, and none in the export.
    await setCompareSetting('surfaceMetrics', false);
    await until('surface distances off', async () => ((await activeState()).surface.kind === 'off' ? true : undefined));
    assert.equal(a.activeComparison()?.surface, undefined);
    await vscode.commands.executeCommand('maskInspector.exportReport', target);
    assert.equal('surface' in (JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as object), false);
  });

  it('flagHd95AboveMm: a problem for each slice whose 2-D HD95 scipy finds above the limit; clicking one shows it', async () => {
    const want = await expectations();
    await setCompareSetting('flagHd95AboveMm', 10);
    await setCompareSetting('surfaceMetrics', false); // the limit alone asks for the per-slice distances
    await compareAndWait(fixture(REF), fixture(PRED));
    const c = await surfaceReady(1);
    const expected: string[] = [];
    want.foregroundSlices.forEach((s, k) => {
      if (typeof s.hd95 === 'number' && s.hd95 > 10) expected.push(`fg:${k}`);
    });
    for (const [label, slices] of Object.entries(want.labelSlices)) {
      if (label === 'foreground') continue; // cli.json's foreground (above) is the one on the files' own spacing
      slices.forEach((s, k) => {
        if (typeof s.hd95 === 'number' && s.hd95 > 10) expected.push(`${label}:${k}`);
      });
    }
    assert.ok(expected.length >= 2, `the fixture has far slices: ${expected.join(', ')}`);
    const problems = await until('the HD95 problems', async () => {
      const all = await problemsOf(c);
      return all.some((d) => HD95_PROBLEM.test(d.message)) ? all : undefined;
    });
    const far = problems.filter((d) => HD95_PROBLEM.test(d.message));
    const keys = far.map((d) => {
      const m = HD95_PROBLEM.exec(d.message)!;
      return `${m[2] ?? 'fg'}:${m[1]}`;
    });
    assert.deepEqual([...keys].sort(), [...expected].sort());
    for (const d of far) {
      const m = HD95_PROBLEM.exec(d.message)!;
      const s = m[2] === undefined ? want.foregroundSlices[Number(m[1])]! : want.labelSlices[m[2]]![Number(m[1])]!;
      assert.equal(Number(m[3]).toFixed(1), (s.hd95 as number).toFixed(1), d.message);
      assert.equal(d.source, 'Mask Inspector');
    }
    // The low-Dice problems are still there, listed first.
    assert.ok(problems.some((d) => /: Dice \d/.test(d.message)));

    // A click in the Problems panel opens the report at the problem's range: that slice shows.
    const label2 = far.find((d) => HD95_PROBLEM.exec(d.message)![2] === '2') ?? far[0]!;
    const [, index, label] = HD95_PROBLEM.exec(label2.message)!;
    const reportUri = vscode.Uri.parse((await compareState()).comparisons.find((x) => x.id === c.id)!.reportUri!);
    await vscode.commands.executeCommand('vscode.open', reportUri, { selection: label2.range, preview: true, preserveFocus: true });
    await shownInWebview(Number(index), label === undefined ? null : Number(label));

    // Off again: the HD95 problems go, the Dice ones stay.
    await setCompareSetting('flagHd95AboveMm', null);
    await until('no HD95 problems', async () => {
      const all = await problemsOf(c);
      return all.length > 0 && !all.some((d) => HD95_PROBLEM.test(d.message)) ? true : undefined;
    });
  });
});
