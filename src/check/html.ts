/**
 * The HTML checker: one Chromium for the whole run; per file, page checks in Chromium (requests,
 * CSP, fonts, reflow), axe-core (light, dark and 320 px passes) and pa11y/HTML_CodeSniffer.
 * A file passes when every tool ran and none found anything.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, type ChromiumSession } from './browser.js';
import { axeVersion, runAxe } from './html/axe.js';
import { pa11yVersion, runPa11y } from './html/pa11y.js';
import { runPageChecks } from './html/page-checks.js';
import { ViolationSet } from './html/violations.js';
import type { CheckResult, CheckSession, OpenChecker, ToolRun } from './types.js';

const TOOLS = ['chromium', 'axe', 'pa11y'] as const;

function notRun(error: string): ToolRun[] {
  const version = (tool: string): string | undefined => {
    try {
      return tool === 'axe' ? axeVersion() : tool === 'pa11y' ? pa11yVersion() : undefined;
    } catch {
      return undefined;
    }
  };
  return TOOLS.map((tool) => {
    const v = version(tool);
    return { tool, ...(v ? { version: v } : {}), ran: false, error, durationMs: 0 };
  });
}

async function checkFile(session: ChromiumSession, file: string): Promise<CheckResult> {
  const path = resolve(file);
  if (!existsSync(path)) {
    return { format: 'html', file, tools: notRun(`file not found: ${file}`), violations: [], passed: false };
  }
  const url = pathToFileURL(path).href;
  const found = new ViolationSet();
  const tools: ToolRun[] = [];
  // One after the other: they share one browser, and pa11y changes the viewport of its page.
  tools.push(await runPageChecks(session.browser, session.version, url, found));
  tools.push(await runAxe(session.browser, url, found));
  tools.push(await runPa11y(session.browser, url, found));
  const violations = found.list();
  return {
    format: 'html',
    file,
    tools,
    violations,
    passed: tools.every((t) => t.ran) && violations.every((v) => v.severity !== 'error'),
  };
}

/** The HTML check session, with the browser it drives exposed so tests can prove it is gone. */
export interface HtmlCheckSession extends CheckSession {
  /** Process id of the Chromium this session started (undefined when it did not start). */
  readonly browserPid: number | undefined;
  /** Its fresh profile directory (removed by `close`). */
  readonly profileDir: string | undefined;
}

export async function openHtmlCheckSession(): Promise<HtmlCheckSession> {
  let session: ChromiumSession | undefined;
  let launchError: string | undefined;
  try {
    session = await launchChromium();
  } catch (error) {
    // Reported per file as tools that did not run: a failed build, never a silent pass.
    launchError = `Chromium did not start: ${error instanceof Error ? error.message : String(error)}`;
  }
  return {
    format: 'html',
    browserPid: session?.pid,
    profileDir: session?.userDataDir,
    async check(file: string): Promise<CheckResult> {
      if (!session) return { format: 'html', file, tools: notRun(launchError ?? 'no browser'), violations: [], passed: false };
      return checkFile(session, file);
    },
    async close(): Promise<void> {
      await session?.close();
    },
  };
}

export const openHtmlChecker: OpenChecker = openHtmlCheckSession;
