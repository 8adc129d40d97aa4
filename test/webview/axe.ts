// Runs the axe-core accessibility engine (dev dependency) inside a test page and returns what it
// finds. The engine's source is handed to the page by the test through playwright (evaluate), never
// by the product's code, so the webview's Content-Security-Policy stays as shipped. Rules tagged
// "experimental" are off in axe by default; label-content-name-mismatch (WCAG 2.5.3: a control's
// accessible name contains its visible text, so "click Worst" by voice works) is one of them and is
// switched on here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './harness';

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly count: number;
  /** The first few offending elements (selector: failure summary). */
  readonly nodes: readonly string[];
}

let source: string | undefined;

function axeSource(): string {
  source ??= readFileSync(join(repoRoot(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return source;
}

/** Every violation axe finds in the page as it is now (rules of WCAG 2.x A/AA, best practice, and 2.5.3). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!injected) {
    // Evaluated as a script in the page's main world (an injected <script> would need the CSP's consent).
    await page.evaluate((code) => { (0, eval)(code); }, axeSource());
  }
  return page.evaluate(async () => {
    interface AxeNode { target: unknown[]; failureSummary?: string }
    interface AxeResult { id: string; impact?: string | null; help: string; nodes: AxeNode[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  });
}

/** The violations that fail a test: impact serious or critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation, for an assertion message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}, ${v.count} elements): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}
