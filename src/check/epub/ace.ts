/**
 * Ace by DAISY (npm `@daisy/ace-cli` 1.4.6) through its programmatic core, on the run's one
 * Chromium (shared with the HTML checks, see `../browser.ts`).
 *
 * The CLI starts Node, unzips, launches a browser and writes a report per file. Ace's core takes
 * an "axe runner" object; its own runner launches and closes a browser for every EPUB, so we hand
 * it a runner whose `launch`/`close` are no-ops and whose pages come from the shared browser's
 * page pool, each with a time limit scaled with the content document.
 *
 * We call the three steps of `@daisy/ace-core`'s `ace()` ourselves (unzip + parse, report, check)
 * instead of `ace()`: with an `outdir` it writes the HTML report without awaiting it (a late write
 * into a directory we have already removed becomes an unhandled rejection), and without one it
 * prints the whole JSON report on our stdout.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { acquireChromium, type ChromiumLease, type ChromiumSession } from '../browser.js';
import { makeTempDir, removeTempDir } from '../../util/temp-dir.js';
import { Limiter } from '../../util/limiter.js';
import { timeLimitMs, type TimeScale } from '../time-limit.js';
import { toolFailure, type Finding, type FindingLocation, type Impact, type ToolId, type ToolRun } from '../types.js';
import { profileFromAxeTags, wcagFromAxeTags } from '../wcag.js';

/**
 * One content document in one page: load, Ace's scripts, axe with every rule, Ace's extraction.
 * A letter's document takes a second or two. Time grows faster than the size: the navigation
 * document of a 2,000-question letter (230 kB, 4,000 links) took 35 s for `daisy.ace.run` alone
 * on this machine under load, its 1.3 MB annex minutes. The limit only has to catch a hung page.
 */
export const ACE_PAGE_TIME_SCALE: TimeScale = { baseMs: 120_000, perMiBMs: 300_000, perMiB2Ms: 300_000 };

/** EPUBs Ace checks at once: unzipping and parsing one overlaps the pages of another. */
const ACE_EPUBS_AT_ONCE = 2;

// ---------------------------------------------------------------- Ace's modules (CommonJS, untyped)

/** The parts of Ace's EARL report we read. */
export interface EarlAssertion {
  'earl:assertedBy'?: string;
  'earl:result'?: { 'earl:outcome'?: string; 'dct:description'?: string; html?: string; 'earl:pointer'?: { css?: string[]; cfi?: string[] } };
  'earl:test'?: {
    'dct:title'?: string;
    'earl:impact'?: string;
    'dct:description'?: string;
    help?: { url?: string; 'dct:description'?: string };
    rulesetTags?: string[];
  };
  'earl:testSubject'?: { url?: string };
  assertions?: EarlAssertion[];
}
export interface AceReport {
  'earl:result'?: { 'earl:outcome'?: string };
  'earl:assertedBy'?: unknown;
  assertions?: EarlAssertion[];
}

/** The axe-runner contract of `@daisy/ace-core` (see `@daisy/ace-axe-runner-puppeteer`). */
interface AxeRunner {
  concurrency: number;
  setTimeout(ms: number): void;
  launch(): Promise<void>;
  close(): Promise<void>;
  run(url: string, scripts: string[], scriptContents: string[], basedir: string): Promise<unknown>;
}

interface AceEpub {
  extract(dir: string): Promise<unknown>;
  parse(): Promise<unknown>;
}
interface AceModules {
  EPUB: new (path: string) => AceEpub;
  Report: new (epub: AceEpub, outdir: undefined, lang: undefined) => { init(): Promise<{ cleanData(): Promise<void>; readonly json: AceReport }> };
  check(epub: AceEpub, report: unknown, lang: undefined, doNotReportMedia: boolean, runner: AxeRunner): Promise<unknown>;
  version: string;
  axeVersion: string;
}

/**
 * Resolves Ace's core through the CLI package we depend on (`ace-cli` → `ace-cli-shared` →
 * `ace-core`), so a nested install layout works as well as a hoisted one.
 */
function loadAce(): AceModules {
  const fromHere = createRequire(import.meta.url);
  const fromCli = createRequire(fromHere.resolve('@daisy/ace-cli'));
  const fromShared = createRequire(fromCli.resolve('@daisy/ace-cli-shared'));
  const corePath = fromShared.resolve('@daisy/ace-core');
  const fromCore = createRequire(corePath);
  // Ace logs through winston's default logger; without a transport winston complains on stderr
  // for every message. A silent transport keeps our console for our own output.
  const winston = fromCore('winston') as { configure(o: unknown): void; transports: { Console: new (o: unknown) => unknown } };
  winston.configure({ transports: [new winston.transports.Console({ silent: true })] });
  const { EPUB } = fromCore('@daisy/epub-utils') as { EPUB: AceModules['EPUB'] };
  const { Report } = fromCore('@daisy/ace-report') as { Report: AceModules['Report'] };
  const checker = fromCore('./checker/checker.js') as { check: AceModules['check'] };
  const meta = fromCore('@daisy/ace-meta/package.json') as { version: string };
  const axeMeta = fromCore(join(fromCore.resolve('@daisy/axe-core-for-ace'), '..', 'package.json')) as { version: string };
  return { EPUB, Report, check: checker.check, version: meta.version, axeVersion: axeMeta.version };
}

// ---------------------------------------------------------------- report → findings

function impactOf(value: string | undefined): Impact | undefined {
  return value === 'minor' || value === 'moderate' || value === 'serious' || value === 'critical' ? value : undefined;
}

/** Ace's pointers: one CSS selector per element, with its EPUB CFI beside it. */
function locationsOf(file: string | undefined, result: NonNullable<EarlAssertion['earl:result']>): FindingLocation[] {
  const css = result['earl:pointer']?.css ?? [];
  const cfi = result['earl:pointer']?.cfi ?? [];
  const snippet = result.html?.replace(/\s+/gu, ' ').trim().slice(0, 300);
  const base: FindingLocation = { ...(file ? { file } : {}), ...(snippet ? { snippet } : {}) };
  if (css.length === 0) return [base];
  return css.map((selector, i) => ({ ...base, selector, ...(cfi[i] && cfi[i] !== '_CFI_' ? { object: `epubcfi(${cfi[i]})` } : {}) }));
}

/**
 * Every failed assertion of an Ace report as a finding, with the content document it concerns.
 * axe's assertions carry axe's rule tags (`wcag111`, `best-practice`); Ace's own (metadata, page
 * list) carry none and belong to EPUB Accessibility.
 */
export function aceFindings(report: AceReport, tool: ToolId = { name: 'ace' }): Finding[] {
  const out: Finding[] = [];
  const walk = (list: readonly EarlAssertion[] | undefined, subject: string | undefined): void => {
    for (const a of list ?? []) {
      const here = a['earl:testSubject']?.url ?? subject;
      if (a.assertions) walk(a.assertions, here);
      const test = a['earl:test'];
      const result = a['earl:result'];
      if (!test || !result || result['earl:outcome'] !== 'fail') continue;
      const tags = test.rulesetTags ?? [];
      const impact = impactOf(test['earl:impact']);
      const wcag = wcagFromAxeTags(tags);
      const profile = a['earl:assertedBy'] === 'aXe' ? profileFromAxeTags(tags) : 'epub-a11y';
      out.push({
        tool,
        rule: test['dct:title'] ?? 'unknown',
        severity: 'violation',
        fails: true,
        ...(impact ? { impact } : {}),
        ...(wcag.length ? { wcag } : {}),
        ...(profile ? { profile } : {}),
        // axe's failure summary comes one check per line: one line of text in a report.
        message: (result['dct:description'] ?? test['dct:description'] ?? '').split(/\s*\n\s*/u).filter(Boolean).join('; '),
        locations: locationsOf(here, result),
        ...(test.help?.['dct:description'] ? { help: test.help['dct:description'] } : {}),
        ...(test.help?.url ? { helpUrl: test.help.url } : {}),
      });
    }
  };
  walk(report.assertions, undefined);
  return out;
}

// ---------------------------------------------------------------- the runner over the shared browser

/**
 * Ace's page scripts, read once. Ace names the unminified `axe.js` of its axe build (1.3 MB);
 * the same package's `axe.min.js` is the same build, half the size to send and parse per page.
 */
class ScriptCache {
  private readonly files = new Map<string, string>();
  async get(path: string): Promise<string> {
    let text = this.files.get(path);
    if (text === undefined) {
      const minified = basename(path) === 'axe.js' ? join(dirname(path), 'axe.min.js') : undefined;
      text = await readFile(minified && existsSync(minified) ? minified : path, 'utf8');
      this.files.set(path, text);
    }
    return text;
  }
}

async function addAceScript(page: Page, content: string): Promise<void> {
  const handle = await page.addScriptTag({ content });
  // Same marker as Ace's own runner: the `data-ace` attribute tells Ace's extraction to ignore its scripts.
  await handle.evaluate((el) => el.setAttribute('data-ace', ''));
  await handle.dispose();
}

/**
 * Ace asks axe for every result type with full node details, then walks all of them (a CFI per
 * node, passes included) and sends them back, while its report uses only the violations
 * (`@daisy/ace-report-axe` maps `violations` alone). axe's `resultTypes` keeps full details for
 * the violations only: the same rules run on the same nodes, the same violations come back, and
 * the navigation document of a long letter no longer ships megabytes of passes.
 */
const VIOLATION_DETAILS_ONLY = `(() => {
  const run = window.axe.run.bind(window.axe);
  window.axe.run = (options, callback) => run(Object.assign({}, options, { resultTypes: ['violations'] }), callback);
})();`;

async function checkDocument(page: Page, url: string, scriptPaths: string[], scriptContents: string[], scripts: ScriptCache): Promise<unknown> {
  const onRequest = (request: HTTPRequest): void => {
    // A checker never fetches from the network; a content document that tries is blocked. Like
    // Ace's own runner, `.html` documents are served as XHTML. (A request still in flight when
    // the page closes rejects: nothing to do about it then.)
    const target = request.url();
    let handled: Promise<void>;
    if (/^https?:/iu.test(target)) handled = request.abort();
    else if (request.resourceType() === 'document' && /^file:/u.test(target) && /\.html?$/u.test(target)) {
      handled = readFile(new URL(target), 'utf8').then(
        (body) => request.respond({ status: 200, contentType: 'application/xhtml+xml', body }),
        () => request.continue(),
      );
    } else handled = request.continue();
    handled.catch(() => undefined);
  };
  // The page is kept for other jobs (see `withPage`, which also turns interception off again).
  page.on('request', onRequest);
  try {
    await page.setRequestInterception(true);
    await page.goto(url);
    for (const content of scriptContents) await addAceScript(page, content);
    for (const path of scriptPaths) {
      await addAceScript(page, await scripts.get(path));
      if (basename(path) === 'axe.js') await addAceScript(page, VIOLATION_DETAILS_ONLY);
    }
    return await page.evaluate(
      () =>
        new Promise((resolveRun, rejectRun) => {
          // Runs in the page: `window.daisy` is Ace's injected script.
          const w = globalThis as unknown as { daisy?: { ace?: { run(cb: (err: unknown, res: unknown) => void): void } } };
          const ace = w.daisy?.ace;
          if (!ace) {
            rejectRun(new Error('Ace scripts did not load'));
            return;
          }
          ace.run((err, res) => (err ? rejectRun(err) : resolveRun(res)));
        }),
    );
  } finally {
    page.off('request', onRequest);
  }
}

async function sizeOfUrl(url: string): Promise<number> {
  try {
    return (await stat(fileURLToPath(url))).size;
  } catch {
    return 0;
  }
}

function sharedBrowserRunner(session: ChromiumSession, scripts: ScriptCache): AxeRunner {
  return {
    // Ace's own fan-out over content documents; the browser's page pool is the real limit.
    concurrency: 4,
    setTimeout: () => undefined,
    // The browser belongs to the run: Ace asks for it per EPUB, we keep it.
    launch: async () => undefined,
    close: async () => undefined,
    async run(url, scriptPaths, scriptContents) {
      const limitMs = timeLimitMs(await sizeOfUrl(url), ACE_PAGE_TIME_SCALE);
      return session.withPage((page) => checkDocument(page, url, scriptPaths, scriptContents, scripts), { limitMs, what: `Ace on ${basename(url)}` });
    },
  };
}

/**
 * Ace's checker prints a failing content document's error with `console.log`, on our stdout
 * (where it breaks `--json`); its error reaches us anyway, as the rejection. Our own output goes
 * through `process.stdout.write`, so silencing `console.log` while Ace runs hides only Ace's.
 */
let silenced = 0;
let originalLog: typeof console.log | undefined;
async function withConsoleLogSilenced<T>(work: () => Promise<T>): Promise<T> {
  if (silenced++ === 0) {
    originalLog = console.log;
    console.log = () => undefined;
  }
  try {
    return await work();
  } finally {
    if (--silenced === 0 && originalLog) console.log = originalLog;
  }
}

export interface AceOutcome {
  run: ToolRun;
  findings: Finding[];
  report?: AceReport;
}

/** Ace's core over the run's browser; a couple of EPUBs at a time. */
export class AceRunner {
  private readonly queue = new Limiter(ACE_EPUBS_AT_ONCE);

  private constructor(
    private readonly lease: ChromiumLease,
    private readonly workDir: string,
    private readonly ace: AceModules,
    private readonly runner: AxeRunner,
  ) {}

  static async open(): Promise<AceRunner> {
    const ace = loadAce();
    // The directory first: a browser acquired before a failing mkdtemp would have no owner to release it.
    const workDir = await makeTempDir('ace');
    try {
      const lease = await acquireChromium();
      return new AceRunner(lease, workDir, ace, sharedBrowserRunner(lease.session, new ScriptCache()));
    } catch (err) {
      await removeTempDir(workDir);
      throw err;
    }
  }

  get tool(): ToolId {
    return { name: 'ace', version: `${this.ace.version} (axe-core ${this.ace.axeVersion})` };
  }

  check(file: string): Promise<AceOutcome> {
    return this.queue.run(() => this.checkNow(file));
  }

  private async checkNow(file: string): Promise<AceOutcome> {
    const started = performance.now();
    const tool = this.tool;
    const unzipDir = await mkdtemp(join(this.workDir, 'epub-'));
    try {
      const epub = new this.ace.EPUB(resolve(file));
      await epub.extract(unzipDir);
      await epub.parse();
      const report = await new this.ace.Report(epub, undefined, undefined).init();
      await withConsoleLogSilenced(() => this.ace.check(epub, report, undefined, false, this.runner));
      await report.cleanData();
      const json = report.json;
      return { run: { tool, ran: true, durationMs: Math.round(performance.now() - started) }, findings: aceFindings(json, tool), report: json };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        run: { tool, ran: false, error: message, durationMs: Math.round(performance.now() - started) },
        findings: [toolFailure(tool, `Ace could not check ${basename(file)}: ${message}`)],
      };
    } finally {
      await rm(unzipDir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.queue.idle();
    await this.lease.release();
    await removeTempDir(this.workDir);
  }
}
