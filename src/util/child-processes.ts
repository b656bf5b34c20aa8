/**
 * Processes that must not outlive the run: the EPUBCheck JVM and the Chromium the checkers share.
 * Each is started as the leader of its own process group (`detached`), so one signal to the group
 * also ends what it started (Chromium's zygote, renderers and utilities). Owners stop their own
 * on close; an interrupted run never gets there, so the signal handler calls `killChildrenSync`.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();

/** Registers `child` (spawned with `detached: true`) until it exits. */
export function trackChild<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Processes of process group `pgid` that have not exited yet (zombies count as gone). Linux /proc. */
export function groupMembers(pgid: number): number[] {
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
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(e));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** SIGKILL to a whole process group; to the process alone when it leads no group. Never throws. */
export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    try {
      process.kill(pgid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/**
 * Processes whose command line or environment names one of `paths`. A browser that is still
 * starting has no process object yet (puppeteer hands it over once it answers), but its command
 * line already names its profile in our scratch directory; Chromium's crash handler leaves the
 * browser's process group but inherits its TMPDIR. That is how an interrupt finds them.
 */
export function processesUsing(paths: readonly string[]): number[] {
  if (paths.length === 0) return [];
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/u.test(e) && Number(e) !== process.pid);
  } catch {
    return out;
  }
  for (const e of entries) {
    try {
      const named = `${readFileSync(`/proc/${e}/cmdline`, 'utf8')}\0${readFileSync(`/proc/${e}/environ`, 'utf8')}`;
      if (paths.some((p) => named.includes(p))) out.push(Number(e));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * For an interrupted run: kills every tracked process group, and every process that names one of
 * `scratchDirs` on its command line (a browser still starting), then waits (at most `waitMs`)
 * until none of them runs, so nothing writes into a scratch directory after the handler removed it.
 */
export function killChildrenSync(scratchDirs: readonly string[] = [], waitMs = 1000): void {
  const groups = [...live].map((c) => c.pid).filter((p): p is number => p !== undefined);
  live.clear();
  for (const pgid of groups) killGroup(pgid);
  const strays = processesUsing(scratchDirs);
  for (const pid of strays) killGroup(pid);
  const until = Date.now() + waitMs;
  const running = (): boolean => groups.some((g) => groupMembers(g).length > 0) || strays.some(isRunning);
  while (running() && Date.now() < until) sleepSync(10);
}
