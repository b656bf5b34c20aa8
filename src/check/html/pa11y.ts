/**
 * pa11y 9 with the HTML_CodeSniffer runner (standard WCAG2AA) on the shared browser. Only issues
 * of type "error" are violations; HTMLCS warnings and notices ask for a human check and would
 * fail every page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { ToolRun } from '../types.js';
import { location, onFreshPage, type ViolationSet } from './violations.js';

const require = createRequire(import.meta.url);

/** The part of pa11y's API we use (the package ships no TypeScript types). */
interface Pa11yIssue {
  code: string;
  type: 'error' | 'warning' | 'notice';
  message: string;
  context: string | null;
  selector: string;
  runner: string;
}
interface Pa11yResults { documentTitle: string; pageUrl: string; issues: Pa11yIssue[] }
interface Pa11yOptions {
  browser: Browser;
  page: Page;
  runners: string[];
  standard: 'WCAG2A' | 'WCAG2AA' | 'WCAG2AAA';
  includeNotices: boolean;
  includeWarnings: boolean;
  timeout: number;
  viewport: { width: number; height: number };
}
type Pa11y = (url: string, options: Pa11yOptions) => Promise<Pa11yResults>;

let pa11yFn: Pa11y | undefined;
function loadPa11y(): Pa11y {
  // pa11y is CommonJS and loads the full `puppeteer` package when required: only on first use.
  pa11yFn ??= require('pa11y') as Pa11y;
  return pa11yFn;
}

function packageVersion(pkgJsonPath: string): string {
  return (JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string }).version;
}

export function pa11yVersion(): string {
  const pa11yDir = dirname(dirname(require.resolve('pa11y')));
  const pa11yRequire = createRequire(join(pa11yDir, 'package.json'));
  const htmlcs = join(dirname(dirname(pa11yRequire.resolve('@pa11y/html_codesniffer/build/HTMLCS.js'))), 'package.json');
  return `${packageVersion(join(pa11yDir, 'package.json'))} (HTML_CodeSniffer ${packageVersion(htmlcs)})`;
}

const TECHNIQUE_FOLDERS: Record<string, string> = {
  ARIA: 'aria', C: 'css', F: 'failures', G: 'general', H: 'html', PDF: 'pdf', SCR: 'client-side-script', SM: 'smil', SVR: 'server-side-script', T: 'text',
};

/**
 * `WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail` → success criterion 1.4.3 and the W3C page of
 * technique G18: HTMLCS codes name them, pa11y gives no link.
 */
export function htmlcsReference(code: string): { help?: string; helpUrl?: string } {
  const parts = code.split('.');
  const criterion = parts.find((p) => /^\d+_\d+_\d+$/u.test(p))?.replace(/_/gu, '.');
  const technique = parts[4]?.split(',')[0];
  const prefix = technique ? /^([A-Z]+)\d+$/u.exec(technique)?.[1] : undefined;
  const folder = prefix ? TECHNIQUE_FOLDERS[prefix] : undefined;
  return {
    ...(criterion ? { help: `WCAG success criterion ${criterion}${technique ? `, technique ${technique}` : ''}` } : {}),
    ...(folder && technique ? { helpUrl: `https://www.w3.org/WAI/WCAG22/Techniques/${folder}/${technique}` } : {}),
  };
}

export async function runPa11y(browser: Browser, url: string, found: ViolationSet): Promise<ToolRun> {
  const run: ToolRun = { tool: 'pa11y', ran: false, durationMs: 0 };
  return onFreshPage(browser, run, async (page) => {
    run.version = pa11yVersion();
    const pa11y = loadPa11y();
    // pa11y injects HTMLCS with page.evaluate; the page's CSP (no script at all) must not stop it.
    await page.setBypassCSP(true);
    const results = await pa11y(url, {
      browser,
      page,
      runners: ['htmlcs'],
      standard: 'WCAG2AA',
      includeNotices: false,
      includeWarnings: false,
      timeout: 30_000,
      viewport: { width: 1280, height: 1024 },
    });
    const errors = results.issues.filter((i) => i.type === 'error');
    for (const issue of errors) {
      found.add({
        tool: 'pa11y',
        rule: issue.code,
        severity: 'error',
        message: issue.message,
        location: location(issue.selector || '(document)', issue.context ?? undefined),
        ...htmlcsReference(issue.code),
      }, '');
    }
  });
}
