/**
 * One headless Debian Chromium for every browser-based check of a run (the HTML checks and Ace),
 * driven by puppeteer-core. Never downloads a browser.
 *
 * Each launch gets one scratch directory holding its profile and its TMPDIR, so Chromium's own
 * temp folders (`org.chromium.Chromium.*`, shared-memory files under `--disable-dev-shm-usage`)
 * land there and not in /tmp. `close()` and the signal handler end the browser's whole process
 * group and remove that one directory.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { Limiter } from '../util/limiter.js';
import { groupMembers, killGroup, trackChild } from '../util/child-processes.js';
import { makeTempDirSync, removeTempDirSync } from '../util/temp-dir.js';
import { withTimeLimit, type TimeLimitError } from './time-limit.js';

/** Debian's Chromium; `CHROMIUM_PATH` overrides it for other systems. */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `--no-sandbox`: the checks run as root. The rest keep this machine's Chromium from reaching
 * the network (updates, sync, QUIC) or the GPU, which it has not got, and from starting a crash
 * reporter that would outlive an interrupted run.
 *
 * `--max-opt=1`: V8 stops at its baseline compiler (Sparkplug), as the EPUBCheck JVM stops at C1.
 * axe, pa11y and Ace run for a fraction of a second per page in a fresh document, where Maglev's
 * and TurboFan's compiling costs more than it saves. Measured here, Chromium's CPU per check of
 * the samples: HTML 1.34–1.72 → 0.74–0.84 s, Ace 2.17–2.82 → 1.80–2.11 s per EPUB; and on a
 * generated 300-question letter still less (HTML 20.9 → 15.1 s, Ace 20.6 → 14.4 s). At 1,000
 * questions the HTML check took 16 % longer (29.1 → 33.8 s) for about the same CPU, as TurboFan
 * had compiled off the main thread; a letter that size is rare, so the common case decides. The
 * findings are the same: a compiler tier changes speed, never results.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--font-render-hinting=none',
  '--js-flags=--max-opt=1',
];

/**
 * Pages open at once in the one browser. Checking is CPU-bound; one page more than there are
 * cores keeps the cores busy while another page waits on the protocol. `RIJKSPERS_PAGES` overrides.
 */
export const PAGE_LIMIT = Math.max(1, Number(process.env.RIJKSPERS_PAGES) || availableParallelism() + 1);

export interface PageOptions {
  /** Time the whole job may take; past it the page is closed and the job fails with a `TimeLimitError`. */
  limitMs: number;
  /** What the job is, for the time-out message: `axe on brief.html`. */
  what: string;
  /**
   * Called the moment the limit expires, before the page is closed: the job's own steps then
   * fail with "target closed" errors, and the caller may want the time-out to be the reason given.
   */
  onTimeout?: (error: TimeLimitError) => void;
}

export interface ChromiumSession {
  browser: Browser;
  /** `156.0.8078.108`, as the browser reports it. */
  version: string;
  /** Process id of the browser (leader of its process group), for callers that want to prove it is gone. */
  pid: number | undefined;
  /** The scratch directory of this launch (profile and TMPDIR), removed by `close`. */
  scratchDir: string;
  /**
   * Runs `job` on a page once one of the `PAGE_LIMIT` slots is free: a new page, or one an earlier
   * job used, reset to what a new page has (see `resetPage`). A job that adds a script to every new
   * document (`evaluateOnNewDocument`) removes it itself. A page whose job failed or ran out of
   * time is closed.
   */
  withPage<T>(job: (page: Page) => Promise<T>, options: PageOptions): Promise<T>;
  /** Waits for running jobs, closes the browser, ends its process group, removes the scratch directory. Idempotent. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra command-line switches for this launch. */
  args?: readonly string[];
  /** Milliseconds to wait for the browser to start. */
  timeoutMs?: number;
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/**
 * Where the scratch directory goes. Chromium puts its singleton socket at
 * `$TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket` and refuses to start ("Socket path too
 * long") past the 107 bytes a Unix socket path may have: under a long TMPDIR, /tmp it is.
 */
export function scratchParent(): string {
  const socket = join(tmpdir(), 'rijkspers-chromium-XXXXXX', 'org.chromium.Chromium.XXXXXX', 'SingletonSocket');
  return Buffer.byteLength(socket) <= 107 ? tmpdir() : '/tmp';
}

/** What every page starts with (puppeteer's default viewport), and what `resetPage` restores. */
const PAGE_VIEWPORT = { width: 800, height: 600 };

/**
 * The page events a job may listen to. Puppeteer listens to some of them itself, so a kept page is
 * compared with its counts when new rather than stripped of every listener. (It may have fewer:
 * pa11y's clean-up calls `page.off('request', undefined)`, which drops every request listener,
 * puppeteer's count of requests in flight for `networkidle` waits among them; no check waits so.)
 */
const PAGE_EVENTS = [
  'close', 'console', 'dialog', 'domcontentloaded', 'error', 'frameattached', 'framedetached', 'framenavigated', 'issue', 'load', 'metrics',
  'pageerror', 'popup', 'request', 'requestfailed', 'requestfinished', 'requestservedfromcache', 'response', 'workercreated', 'workerdestroyed',
] as const;

/** A page kept between jobs, with what it had when new. */
interface KeptPage {
  page: Page;
  listeners: number[];
}

const listenerCounts = (page: Page): number[] => PAGE_EVENTS.map((event) => page.listenerCount(event));

/**
 * A page for check jobs. Pages are kept between jobs: a new page costs a renderer process that
 * compiles axe (or Ace's scripts) again, some 0.6 s of CPU; a kept one has them compiled (24 axe
 * runs, 3 at a time: 30 s of Chromium CPU with a page each, 13 s on 3 kept pages). The cache is
 * off, so every job's page loads its files again and a rule that watches requests sees them all.
 */
async function openPage(browser: Browser): Promise<KeptPage> {
  const page = await browser.newPage();
  try {
    await page.setViewport(PAGE_VIEWPORT);
    await page.setCacheEnabled(false);
    return { page, listeners: listenerCounts(page) };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Undoes what a check job may have changed on its page (request interception, the policy bypass,
 * emulated media, viewport, pa11y's user agent). A job removes its own listeners; a page left
 * with more than it had, or that cannot be reset (closed, crashed, not answering within 10 s), is
 * not kept: false, and the caller closes it.
 */
async function resetPage({ page, listeners }: KeptPage, userAgent: string): Promise<boolean> {
  if (page.isClosed() || listenerCounts(page).some((n, i) => n > listeners[i]!)) return false;
  const reset = async (): Promise<void> => {
    await page.setRequestInterception(false);
    await page.setBypassCSP(false);
    await page.emulateMediaFeatures([]);
    await page.setViewport(PAGE_VIEWPORT);
    await page.setUserAgent(userAgent);
  };
  try {
    await withTimeLimit(reset(), 10_000, 'resetting a page');
    return true;
  } catch {
    return false;
  }
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  // The browser's TMPDIR is the scratch directory itself, its profile a folder in it.
  const scratchDir = makeTempDirSync('chromium', scratchParent());
  const userDataDir = join(scratchDir, 'profile');
  const tmpDir = scratchDir;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      userDataDir,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      env: { ...process.env, TMPDIR: tmpDir },
      pipe: true,
      timeout: options.timeoutMs ?? 30_000,
      // Each job has its own time limit, scaled with the document (see `withPage`); the
      // protocol's fixed 180 s would fail an axe run on a very long letter first.
      protocolTimeout: 24 * 60 * 60 * 1000,
      // Our signal handler ends the browser's process group and removes its scratch directory;
      // puppeteer's own would exit the process before that clean-up ran.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    removeTempDirSync(scratchDir);
    throw error;
  }
  const child = browser.process();
  if (child) trackChild(child);
  const pid = child?.pid;
  let version: string;
  /** The browser's own user agent, restored on kept pages after pa11y set its own. */
  let userAgent: string;
  try {
    version = (await browser.version()).replace(/^[^/]*\//u, '');
    userAgent = await browser.userAgent();
  } catch (error) {
    // A browser that started but does not answer is ended here: nobody else holds it.
    if (pid !== undefined) killGroup(pid);
    removeTempDirSync(scratchDir);
    throw error;
  }
  const pages = new Limiter(PAGE_LIMIT);
  /** Pages whose job is done, reset, for the next job: see `openPage`. */
  const idle: KeptPage[] = [];
  let closed = false;

  return {
    browser,
    version,
    pid,
    scratchDir,
    withPage<T>(job: (page: Page) => Promise<T>, { limitMs, what, onTimeout }: PageOptions): Promise<T> {
      return pages.run(async () => {
        if (closed) throw new Error('the browser has been closed');
        const kept = idle.pop() ?? await openPage(browser);
        const { page } = kept;
        let finished = false;
        try {
          // The job's time limit covers puppeteer's own waits (navigation, selectors): theirs
          // would fail first with a message that does not say the limit scales with the file.
          page.setDefaultTimeout(0);
          const result = await withTimeLimit(job(page), limitMs, what, (error) => {
            onTimeout?.(error);
            page.close().catch(() => undefined);
          });
          finished = true;
          return result;
        } finally {
          // Only a page whose job finished in time is kept, and only once it is as a new one was.
          if (finished && !closed && (await resetPage(kept, userAgent))) idle.push(kept);
          else await page.close().catch(() => undefined);
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pages.idle();
      try {
        await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5_000))]);
      } catch {
        // Already gone or the pipe broke: the kill below makes sure.
      }
      if (pid !== undefined && !(await waitUntilGone(pid, 3_000))) {
        // Stragglers of the group (zygote, utility processes) or a browser that would not close.
        killGroup(pid);
        await waitUntilGone(pid, 2_000);
      }
      removeTempDirSync(scratchDir);
    },
  };
}

// ---------------------------------------------------------------- one browser per run

let shared: { session: Promise<ChromiumSession>; users: number } | undefined;

/** A hold on the run's one browser; the browser closes when the last holder releases it. */
export interface ChromiumLease {
  session: ChromiumSession;
  release(): Promise<void>;
}

/** The run's browser, launched by the first caller and shared by every checker that needs one. */
export async function acquireChromium(): Promise<ChromiumLease> {
  if (!shared) {
    const session = launchChromium();
    shared = { session, users: 0 };
    // A failed launch is not cached: the next checker to open tries again (and reports its own failure).
    session.catch(() => {
      if (shared?.session === session) shared = undefined;
    });
  }
  const entry = shared;
  entry.users++;
  let session: ChromiumSession;
  try {
    session = await entry.session;
  } catch (error) {
    entry.users--;
    throw error;
  }
  let released = false;
  return {
    session,
    async release() {
      if (released) return;
      released = true;
      entry.users--;
      if (entry.users === 0) {
        if (shared === entry) shared = undefined;
        await session.close();
      }
    },
  };
}
