/**
 * axe-core in Chromium, in several passes over one loaded page: light colours at desktop width,
 * dark colours (`prefers-color-scheme: dark`, so contrast is checked in both palettes), and a
 * 320 px wide viewport (what 400 % zoom of 1280 px leaves: reflow, target sizes).
 *
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does
 * not govern, so the page is checked as a reader gets it (policy enforced).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AxeResults, ImpactValue, NodeResult, Result, RunOptions } from 'axe-core';
import type { Page } from 'puppeteer-core';
import type { Finding, Impact, ToolId } from '../types.js';
import { profileFromAxeTags, wcagFromAxeTags } from '../wcag.js';
import { pageLocation, type FindingSet } from './findings.js';

const require = createRequire(import.meta.url);

export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxePass {
  /** The name findings carry in `passes`. */
  name: string;
  width: number;
  height: number;
  colorScheme: 'light' | 'dark';
}

export const AXE_PASSES: readonly AxePass[] = [
  { name: 'light', width: 1280, height: 1024, colorScheme: 'light' },
  { name: 'dark', width: 1280, height: 1024, colorScheme: 'dark' },
  { name: '320px', width: 320, height: 640, colorScheme: 'light' },
];

let axeSource: string | undefined;
function loadAxe(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

let version: string | undefined;
export function axeVersion(): string {
  version ??= (JSON.parse(readFileSync(join(dirname(require.resolve('axe-core/axe.min.js')), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

export const axeTool = (): ToolId => ({ name: 'axe', version: axeVersion() });

/** axe's selector for a node: a list, nested for frames and shadow roots. */
function selectorText(target: unknown): string {
  return Array.isArray(target) ? target.map((t) => selectorText(t)).join(' >>> ') : String(target);
}

function impactOf(value: ImpactValue | undefined): Impact | undefined {
  return value === 'minor' || value === 'moderate' || value === 'serious' || value === 'critical' ? value : undefined;
}

/** One finding per failing node of one axe rule. */
export function axeNodeFinding(tool: ToolId, file: string, rule: Result, node: NodeResult): Finding {
  const summary = (node.failureSummary ?? '').replace(/\s+/gu, ' ').trim();
  const impact = impactOf(node.impact ?? rule.impact);
  const wcag = wcagFromAxeTags(rule.tags);
  const profile = profileFromAxeTags(rule.tags);
  return {
    tool,
    rule: rule.id,
    severity: 'violation',
    fails: true,
    ...(impact ? { impact } : {}),
    ...(wcag.length ? { wcag } : {}),
    ...(profile ? { profile } : {}),
    message: summary ? `${rule.help}: ${summary}` : rule.help,
    locations: [pageLocation(file, selectorText(node.target), node.html)],
    help: rule.description,
    helpUrl: rule.helpUrl,
  };
}

/** Every violation of one axe run (a recorded result or a live one) as findings. */
export function axeFindings(results: Pick<AxeResults, 'violations'>, file: string, tool: ToolId = axeTool()): Finding[] {
  return results.violations.flatMap((rule) => rule.nodes.map((node) => axeNodeFinding(tool, file, rule, node)));
}

/** How many rules applied to the page (passed, failed or needing review). */
function evaluated(results: AxeResults): number {
  return results.passes.length + results.violations.length + results.incomplete.length;
}

/**
 * Runs every pass on the already loaded `page`, adding findings to `found`. Leaves the page at
 * the last pass's viewport and colour scheme. Returns the number of rules evaluated.
 */
export async function runAxePasses(page: Page, file: string, found: FindingSet): Promise<number> {
  await page.evaluate(loadAxe());
  const options: RunOptions = { runOnly: { type: 'tag', values: [...AXE_TAGS] }, resultTypes: ['violations'] };
  const tool = axeTool();
  let checked = 0;
  for (const pass of AXE_PASSES) {
    await page.setViewport({ width: pass.width, height: pass.height });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: pass.colorScheme }]);
    // A string expression: this module is compiled without the DOM typings, the code runs in the page.
    const results = (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as AxeResults;
    checked = Math.max(checked, evaluated(results));
    for (const finding of axeFindings(results, file, tool)) found.add(finding, pass.name);
  }
  return checked;
}
