/**
 * Ace by DAISY (npm `@daisy/ace-cli` 1.4.6) through its programmatic core, with ONE Chromium for
 * every EPUB of a run.
 *
 * The CLI starts Node, unzips, launches a browser and writes a report per file (~2.3 s). Ace's
 * core takes an "axe runner" object; its own runner launches and closes a browser for every EPUB,
 * so we hand it a runner whose `launch`/`close` are no-ops over a browser we keep open.
 *
 * We call the three steps of `@daisy/ace-core`'s `ace()` ourselves (unzip + parse, report, check)
 * instead of `ace()`: with an `outdir` it writes the HTML report without awaiting it (a late write
 * into a directory we have already removed becomes an unhandled rejection), and without one it
 * prints the whole JSON report on our stdout.
 */
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { launchChromium, type ChromiumSession } from '../browser.js';
import { makeTempDir, removeTempDir } from '../../util/temp-dir.js';
import type { ToolRun, Violation } from '../types.js';
import { SerialQueue } from '../../util/serial-queue.js';

const PAGE_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------- Ace's modules (CommonJS, untyped)

/** The parts of Ace's EARL report we read. */
interface EarlAssertion {
  'earl:result'?: { 'earl:outcome'?: string; 'dct:description'?: string; html?: string; 'earl:pointer'?: { css?: string[]; cfi?: string[] } };
  'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string; 'dct:description'?: string; help?: { url?: string; 'dct:description'?: string } };
  'earl:testSubject'?: { url?: string };
  assertions?: EarlAssertion[];
}
export interface AceReport {
  'earl:result'?: { 'earl:outcome'?: string };
  'earl:assertedBy'?: { 'doap:release'?: { 'doap:revision'?: string } };
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

// ---------------------------------------------------------------- report → violations

/** Every failed assertion of an Ace report, with the content document it concerns. */
export function aceViolations(report: AceReport): Violation[] {
  const out: Violation[] = [];
  const walk = (list: readonly EarlAssertion[] | undefined, subject: string | undefined): void => {
    for (const a of list ?? []) {
      const here = a['earl:testSubject']?.url ?? subject;
      if (a.assertions) walk(a.assertions, here);
      const test = a['earl:test'];
      const result = a['earl:result'];
      if (!test || result?.['earl:outcome'] !== 'fail') continue;
      const impact = test['earl:impact'] ?? 'unknown';
      const pointer = result['earl:pointer']?.css?.join(', ');
      const location = [here, pointer].filter(Boolean).join(' ');
      const snippet = result.html ? ` — ${result.html.replace(/\s+/gu, ' ').slice(0, 160)}` : '';
      out.push({
        tool: 'ace',
        rule: test['dct:title'] ?? 'unknown',
        severity: 'error',
        message: `${impact}: ${result['dct:description'] ?? test['dct:description'] ?? ''}${snippet}`,
        ...(location ? { location } : {}),
        ...(test.help?.['dct:description'] ? { help: test.help['dct:description'] } : {}),
        ...(test.help?.url ? { helpUrl: test.help.url } : {}),
      });
    }
  };
  walk(report.assertions, undefined);
  return out;
}

// ---------------------------------------------------------------- the runner over one browser

/** Ace's page scripts (axe and its extraction helpers) are read once, not once per document. */
class ScriptCache {
  private readonly files = new Map<string, string>();
  async get(path: string): Promise<string> {
    let text = this.files.get(path);
    if (text === undefined) {
      text = await readFile(path, 'utf8');
      this.files.set(path, text);
    }
    return text;
  }
}

function sharedBrowserRunner(browser: Browser, scripts: ScriptCache): AxeRunner {
  return {
    concurrency: 4,
    setTimeout: () => undefined,
    // The browser belongs to the session: Ace asks for it per EPUB, we keep it for the run.
    launch: async () => undefined,
    close: async () => undefined,
    async run(url, scriptPaths, scriptContents) {
      const page = await browser.newPage();
      try {
        page.setDefaultTimeout(PAGE_TIMEOUT_MS);
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          // A checker never fetches from the network; a content document that tries is blocked.
          // (A request still in flight when the page closes rejects: nothing to do about it then.)
          const handled = /^https?:/iu.test(request.url()) ? request.abort() : request.continue();
          handled.catch(() => undefined);
        });
        await page.goto(url);
        // Same order and marker as Ace's own runner: the `data-ace` attribute tells Ace's
        // extraction to ignore its own script elements.
        for (const content of scriptContents) {
          const handle = await page.addScriptTag({ content });
          await handle.evaluate((el) => el.setAttribute('data-ace', ''));
        }
        for (const path of scriptPaths) {
          const handle = await page.addScriptTag({ content: await scripts.get(path) });
          await handle.evaluate((el) => el.setAttribute('data-ace', ''));
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
        await page.close().catch(() => undefined);
      }
    },
  };
}

export interface AceOutcome {
  run: ToolRun;
  violations: Violation[];
  report?: AceReport;
}

/** One Chromium, Ace's core, EPUBs checked one at a time (Ace keeps global state). */
export class AceRunner {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly chromium: ChromiumSession,
    private readonly workDir: string,
    private readonly ace: AceModules,
    private readonly runner: AxeRunner,
  ) {}

  static async open(): Promise<AceRunner> {
    const ace = loadAce();
    // The directory first: a browser launched before a failing mkdtemp would have no owner to close it.
    const workDir = await makeTempDir('ace');
    try {
      const chromium = await launchChromium();
      return new AceRunner(chromium, workDir, ace, sharedBrowserRunner(chromium.browser, new ScriptCache()));
    } catch (err) {
      await removeTempDir(workDir);
      throw err;
    }
  }

  get version(): string {
    return `${this.ace.version} (axe-core ${this.ace.axeVersion})`;
  }

  check(file: string): Promise<AceOutcome> {
    return this.queue.run(() => this.checkNow(file));
  }

  private async checkNow(file: string): Promise<AceOutcome> {
    const started = performance.now();
    const unzipDir = await mkdtemp(join(this.workDir, 'epub-'));
    try {
      const epub = new this.ace.EPUB(resolve(file));
      await epub.extract(unzipDir);
      await epub.parse();
      const report = await new this.ace.Report(epub, undefined, undefined).init();
      await this.ace.check(epub, report, undefined, false, this.runner);
      await report.cleanData();
      const json = report.json;
      return {
        run: { tool: 'ace', version: this.version, ran: true, durationMs: Math.round(performance.now() - started) },
        violations: aceViolations(json),
        report: json,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { run: { tool: 'ace', version: this.version, ran: false, error: message, durationMs: Math.round(performance.now() - started) }, violations: [] };
    } finally {
      await rm(unzipDir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.queue.idle();
    await this.chromium.close();
    await removeTempDir(this.workDir);
  }
}
