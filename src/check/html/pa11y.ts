/**
 * pa11y 9 with the HTML_CodeSniffer runner (standard WCAG2AA), on the page the other HTML checks
 * already loaded (`ignoreUrl`: pa11y skips its own navigation and its 500 ms network-idle wait;
 * a self-contained file has no network to wait for). Only issues of type "error" are
 * violations; HTMLCS warnings and notices ask for a human check and would fail every page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Finding, ToolId } from '../types.js';
import { wcagFromHtmlcsCode } from '../wcag.js';
import { pageLocation } from './findings.js';

const require = createRequire(import.meta.url);

/** The part of pa11y's API we use (the package ships no TypeScript types). */
export interface Pa11yIssue {
  code: string;
  type: 'error' | 'warning' | 'notice';
  message: string;
  context: string | null;
  selector: string;
  runner: string;
}
export interface Pa11yResults { documentTitle: string; pageUrl: string; issues: Pa11yIssue[] }
interface Pa11yOptions {
  browser: Browser;
  page: Page;
  ignoreUrl: boolean;
  runners: string[];
  standard: 'WCAG2A' | 'WCAG2AA' | 'WCAG2AAA';
  includeNotices: boolean;
  includeWarnings: boolean;
  timeout: number;
  viewport: { width: number; height: number };
  log: { debug(m: string): void; error(m: string): void; info(m: string): void };
}
type Pa11y = (url: string, options: Pa11yOptions) => Promise<Pa11yResults>;

export const PA11Y_STANDARD = 'WCAG2AA';
/** pa11y's default viewport, set by pa11y itself on the page. */
export const PA11Y_VIEWPORT = { width: 1280, height: 1024 };

let pa11yFn: Pa11y | undefined;
function loadPa11y(): Pa11y {
  // pa11y is CommonJS and loads the full `puppeteer` package when required: only on first use.
  pa11yFn ??= require('pa11y') as Pa11y;
  return pa11yFn;
}

function packageVersion(pkgJsonPath: string): string {
  return (JSON.parse(readFileSync(pkgJsonPath, 'utf8')) as { version: string }).version;
}

let version: string | undefined;
export function pa11yVersion(): string {
  if (version) return version;
  const pa11yDir = dirname(dirname(require.resolve('pa11y')));
  const pa11yRequire = createRequire(join(pa11yDir, 'package.json'));
  const htmlcs = join(dirname(dirname(pa11yRequire.resolve('@pa11y/html_codesniffer/build/HTMLCS.js'))), 'package.json');
  version = `${packageVersion(join(pa11yDir, 'package.json'))} (HTML_CodeSniffer ${packageVersion(htmlcs)})`;
  return version;
}

export const pa11yTool = (): ToolId => ({ name: 'pa11y', version: pa11yVersion() });

const TECHNIQUE_FOLDERS: Record<string, string> = {
  ARIA: 'aria', C: 'css', F: 'failures', G: 'general', H: 'html', PDF: 'pdf', SCR: 'client-side-script', SM: 'smil', SVR: 'server-side-script', T: 'text',
};

/**
 * `WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail` → success criterion 1.4.3 and the W3C page of
 * technique G18: HTMLCS codes name them, pa11y gives no link.
 */
export function htmlcsReference(code: string): { wcag?: string[]; technique?: string; help?: string; helpUrl?: string } {
  const criterion = wcagFromHtmlcsCode(code);
  const technique = code.split('.')[4]?.split(',')[0];
  const prefix = technique ? /^([A-Z]+)\d+$/u.exec(technique)?.[1] : undefined;
  const folder = prefix ? TECHNIQUE_FOLDERS[prefix] : undefined;
  return {
    ...(criterion ? { wcag: [criterion] } : {}),
    ...(technique && folder ? { technique } : {}),
    ...(criterion ? { help: `WCAG success criterion ${criterion}${technique ? `, technique ${technique}` : ''}` } : {}),
    ...(folder && technique ? { helpUrl: `https://www.w3.org/WAI/WCAG22/Techniques/${folder}/${technique}` } : {}),
  };
}

/** pa11y's errors (a recorded result or a live one) as findings. */
export function pa11yFindings(results: Pick<Pa11yResults, 'issues'>, file: string, tool: ToolId = pa11yTool()): Finding[] {
  return results.issues.filter((i) => i.type === 'error').map((issue): Finding => {
    const { wcag, technique, help, helpUrl } = htmlcsReference(issue.code);
    return {
      tool,
      rule: issue.code,
      severity: 'violation',
      fails: true,
      ...(wcag ? { wcag } : {}),
      profile: PA11Y_STANDARD,
      ...(technique ? { references: [technique] } : {}),
      message: issue.message,
      locations: [pageLocation(file, issue.selector || undefined, issue.context)],
      ...(help ? { help } : {}),
      ...(helpUrl ? { helpUrl } : {}),
    };
  });
}

const quiet = { debug: () => undefined, error: () => undefined, info: () => undefined };

/** Runs pa11y on the loaded `page` (pa11y sets its own viewport first). */
export async function runPa11yOnPage(browser: Browser, page: Page, file: string, timeoutMs: number): Promise<Finding[]> {
  const pa11y = loadPa11y();
  const results = await pa11y(page.url(), {
    browser,
    page,
    ignoreUrl: true,
    runners: ['htmlcs'],
    standard: PA11Y_STANDARD,
    includeNotices: false,
    includeWarnings: false,
    timeout: timeoutMs,
    viewport: PA11Y_VIEWPORT,
    log: quiet,
  });
  return pa11yFindings(results, file);
}
