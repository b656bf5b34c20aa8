/**
 * One headless Debian Chromium for every browser-based check (axe, pa11y, screenshots), driven
 * by puppeteer-core. Never downloads a browser. Each launch gets a fresh profile directory, and
 * `close()` leaves no process and no profile behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { makeTempDirSync, removeTempDirSync } from '../util/temp-dir.js';

/** Debian's Chromium; `CHROMIUM_PATH` overrides it for other systems. */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `--no-sandbox`: the checks run as root. The rest keep this machine's Chromium from reaching
 * the network (updates, sync, QUIC) or the GPU, which it has not got.
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
  '--font-render-hinting=none',
];

export interface ChromiumSession {
  browser: Browser;
  /** `Chromium/156.0.8078.108`, as the browser reports it. */
  version: string;
  /** Process id of the browser, for callers that want to prove it is gone. */
  pid: number | undefined;
  /** The fresh profile directory of this launch (removed by `close`). */
  userDataDir: string;
  /** Closes the browser, kills what is left of its process group, removes the profile. Idempotent. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra command-line switches for this launch. */
  args?: readonly string[];
  /** Milliseconds to wait for the browser to start. */
  timeoutMs?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes still in the browser's process group (Linux /proc; empty elsewhere). */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/u.test(e));
  } catch {
    return out;
  }
  for (const e of entries) {
    try {
      // Fields after the command name (which may hold spaces) start at the last ')'.
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push(Number(e));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const userDataDir = makeTempDirSync('chromium');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      userDataDir,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      pipe: true,
      timeout: options.timeoutMs ?? 30_000,
      // Lets Chromium's own children be killed as a group if the process exits early.
      handleSIGINT: true,
      handleSIGTERM: true,
      handleSIGHUP: true,
    });
  } catch (error) {
    removeTempDirSync(userDataDir);
    throw error;
  }
  const pid = browser.process()?.pid;
  let version: string;
  try {
    version = await browser.version();
  } catch (error) {
    // A browser that started but does not answer is closed here: nobody else holds it.
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    removeTempDirSync(userDataDir);
    throw error;
  }
  let closed = false;

  return {
    browser,
    version,
    pid,
    userDataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5_000))]);
      } catch {
        // Already gone or the pipe broke: the kill below makes sure.
      }
      if (pid !== undefined) {
        if (!(await waitForExit(pid, 3_000))) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Exited in the meantime.
          }
          await waitForExit(pid, 2_000);
        }
        // puppeteer starts Chromium as leader of its own process group: end stragglers (zygote, utility).
        for (const member of groupMembers(pid)) {
          try {
            process.kill(member, 'SIGKILL');
          } catch {
            // Exited in the meantime.
          }
        }
      }
      removeTempDirSync(userDataDir);
    },
  };
}
