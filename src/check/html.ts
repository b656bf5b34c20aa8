/**
 * The HTML checker. One Chromium for the whole run (shared with Ace); per file ONE page, loaded
 * once as a reader gets it (Content-Security-Policy enforced, 320 CSS px), on which run in turn:
 * our page rules (requests, CSP, fonts, reflow), pa11y/HTML_CodeSniffer (WCAG2AA, at pa11y's
 * 1280 × 1024) and axe-core (light, dark and 320 px passes). Files are checked concurrently, at
 * most `PAGE_LIMIT` pages at once. A file passes when every tool ran and nothing fails.
 */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { VERSION } from '../version.js';
import { acquireChromium, type ChromiumLease } from './browser.js';
import { axeTool, runAxePasses } from './html/axe.js';
import { FindingSet } from './html/findings.js';
import { loadWatched } from './html/page-facts.js';
import { applyRules, PAGE_RULES } from './html/page-rules.js';
import { pa11yTool, runPa11yOnPage } from './html/pa11y.js';
import { timeLimitMs, type TimeScale } from './time-limit.js';
import { passedOf, toolFailure, type CheckResult, type CheckSession, type OpenChecker, type ToolId, type ToolRun } from './types.js';

/** Our page rules report under our own name; Chromium is named as the tool that loaded the page. */
export const PAGE_RULES_TOOL: ToolId = { name: 'rijkspers', version: VERSION };

/**
 * One page job: load, page rules, pa11y, three axe passes. A letter takes a few seconds; the
 * HTML of a 2,000-question letter (1.4 MB) took 2 minutes on this machine under load, almost all
 * of it axe, whose time grows faster than the page. The limit only has to catch a hung page.
 */
export const HTML_TIME_SCALE: TimeScale = { baseMs: 120_000, perMiBMs: 120_000, perMiB2Ms: 120_000 };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Steps {
  readonly runs: ToolRun[];
  /** Set once the job is over: a step still settling after a time-out changes nothing any more. */
  private sealed = false;
  constructor(tools: ToolId[]) {
    this.runs = tools.map((tool) => ({ tool, ran: false, durationMs: 0 }));
  }

  /** Runs one tool's step; a step that throws leaves its tool `ran: false` with the reason. */
  async step<T>(index: number, body: () => Promise<T>): Promise<T | undefined> {
    const run = this.runs[index]!;
    const started = performance.now();
    try {
      const value = await body();
      if (!this.sealed) run.ran = true;
      return value;
    } catch (error) {
      if (!this.sealed) run.error = message(error);
      return undefined;
    } finally {
      if (!this.sealed) run.durationMs = Math.round(performance.now() - started);
    }
  }

  /** After the whole job failed (time limit, browser gone): every tool that has not run says why. */
  failRemaining(reason: string): void {
    if (this.sealed) return;
    this.sealed = true;
    for (const run of this.runs) if (!run.ran && run.error === undefined) run.error = reason;
  }
}

async function checkFile(lease: ChromiumLease, file: string): Promise<CheckResult> {
  const { session } = lease;
  const name = basename(file);
  const tools: ToolId[] = [{ name: 'chromium', version: session.version }, PAGE_RULES_TOOL, pa11yTool(), axeTool()];
  const steps = new Steps(tools);
  const found = new FindingSet();
  const path = resolve(file);
  const size = await stat(path).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
  if (size === undefined) {
    steps.failRemaining(`file not found: ${file}`);
  } else {
    const limitMs = timeLimitMs(size, HTML_TIME_SCALE);
    try {
      await session.withPage(async (page: Page) => {
        const readFacts = await steps.step(0, () => loadWatched(page, pathToFileURL(path).href, name));
        if (!readFacts) return;
        const facts = await steps.step(1, async () => {
          const read = await readFacts();
          for (const f of applyRules(PAGE_RULES, read, PAGE_RULES_TOOL)) found.add(f);
          return read;
        });
        if (!facts || facts.csp.length > 0) {
          // The policy blocked part of the page (reported above). pa11y and axe have always
          // checked the page with the policy bypassed, styles and all: reload it that way so they
          // find what they found on a page of its own.
          await page.setBypassCSP(true);
          await page.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: 0 });
        }
        await steps.step(2, async () => {
          for (const f of await runPa11yOnPage(session.browser, page, name, limitMs)) found.add(f);
        });
        await steps.step(3, async () => {
          steps.runs[3]!.checked = await runAxePasses(page, name, found);
        });
      }, { limitMs, what: `the HTML checks of ${name}`, onTimeout: (error) => steps.failRemaining(error.message) });
      steps.failRemaining('the page did not load');
    } catch (error) {
      // Out of time or the browser went away: the step that was running and those after it did not run.
      steps.failRemaining(message(error));
    }
    steps.runs[1]!.checked = PAGE_RULES.length;
  }
  const findings = found.list();
  for (const run of steps.runs) if (!run.ran) findings.push(toolFailure(run.tool, `${run.tool.name} did not run: ${run.error ?? 'unknown reason'}`, [{ file: name }]));
  return { format: 'html', file, tools: steps.runs, findings, passed: passedOf(steps.runs, findings) };
}

/** The HTML check session, with the browser it drives exposed so tests can prove it is gone. */
export interface HtmlCheckSession extends CheckSession {
  /** Process id of the Chromium this session uses (undefined when it did not start). */
  readonly browserPid: number | undefined;
  /** The browser's scratch directory (profile, TMPDIR), removed when the browser closes. */
  readonly scratchDir: string | undefined;
}

export async function openHtmlCheckSession(): Promise<HtmlCheckSession> {
  let lease: ChromiumLease | undefined;
  let launchError: string | undefined;
  try {
    lease = await acquireChromium();
  } catch (error) {
    // Reported per file as tools that did not run: a failed build, never a silent pass.
    launchError = `Chromium did not start: ${message(error)}`;
  }
  let closed = false;
  return {
    format: 'html',
    browserPid: lease?.session.pid,
    scratchDir: lease?.session.scratchDir,
    async check(file: string): Promise<CheckResult> {
      if (closed) throw new Error('HTML checker already closed');
      if (lease) return checkFile(lease, file);
      const tools: ToolRun[] = [{ name: 'chromium' }, PAGE_RULES_TOOL, pa11yTool(), axeTool()].map((tool) => ({ tool, ran: false, error: launchError, durationMs: 0 }));
      const findings = [toolFailure({ name: 'chromium' }, launchError ?? 'no browser', [{ file: basename(file) }])];
      return { format: 'html', file, tools, findings, passed: false };
    },
    async close(): Promise<void> {
      closed = true;
      await lease?.release();
    },
  };
}

export const openHtmlChecker: OpenChecker = openHtmlCheckSession;
