/**
 * axe-core in Chromium, in several passes over one loaded page: light colours at desktop width,
 * dark colours (`prefers-color-scheme: dark`, so contrast is checked in both palettes), and a
 * 320 px wide viewport (what 400 % zoom of 1280 px leaves: reflow, target sizes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, Page } from 'puppeteer-core';
import type { ToolRun } from '../types.js';
import { location, onFreshPage, type ViolationSet } from './violations.js';

const require = createRequire(import.meta.url);

export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxePass {
  name: string;
  width: number;
  height: number;
  colorScheme: 'light' | 'dark';
}

export const AXE_PASSES: readonly AxePass[] = [
  { name: 'light 1280px', width: 1280, height: 1024, colorScheme: 'light' },
  { name: 'dark 1280px', width: 1280, height: 1024, colorScheme: 'dark' },
  { name: 'light 320px', width: 320, height: 640, colorScheme: 'light' },
];

let axeSource: string | undefined;
function loadAxe(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export function axeVersion(): string {
  const pkg = JSON.parse(readFileSync(join(dirname(require.resolve('axe-core/axe.min.js')), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** axe's selector for a node: a list, nested for frames and shadow roots. */
function selectorText(target: unknown): string {
  return Array.isArray(target) ? target.map((t) => selectorText(t)).join(' >>> ') : String(target);
}

async function runOnce(page: Page, options: RunOptions): Promise<AxeResults> {
  // A string expression: this module is compiled without the DOM typings, the code runs in the page.
  return (await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as AxeResults;
}

/** Opens `url` in a fresh page (CSP bypassed so axe can be injected), runs every pass. */
export async function runAxe(browser: Browser, url: string, found: ViolationSet): Promise<ToolRun> {
  const run: ToolRun = { tool: 'axe', version: axeVersion(), ran: false, durationMs: 0 };
  return onFreshPage(browser, run, async (page) => {
    await page.setBypassCSP(true);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    await page.evaluate(loadAxe());
    const options: RunOptions = { runOnly: { type: 'tag', values: [...AXE_TAGS] }, resultTypes: ['violations'] };
    for (const pass of AXE_PASSES) {
      await page.setViewport({ width: pass.width, height: pass.height });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: pass.colorScheme }]);
      const results = await runOnce(page, options);
      run.checked = Math.max(run.checked ?? 0, results.passes.length + results.violations.length + results.incomplete.length);
      for (const rule of results.violations) {
        for (const node of rule.nodes) {
          const summary = (node.failureSummary ?? '').replace(/\s+/gu, ' ').trim();
          found.add({
            tool: 'axe',
            rule: rule.id,
            severity: 'error',
            message: `${rule.help} (${node.impact ?? rule.impact ?? 'unknown impact'})${summary ? `: ${summary}` : ''}`,
            location: location(selectorText(node.target), node.html),
            help: rule.description,
            helpUrl: rule.helpUrl,
          }, pass.name);
        }
      }
    }
  });
}
