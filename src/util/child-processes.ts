/**
 * Child processes that must not outlive an interrupted run (the EPUBCheck JVMs). Browsers are
 * not listed: puppeteer kills its own on exit. The signal handler calls `killChildrenSync`.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

export function trackChild<T extends ChildProcess>(child: T): T {
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

export function killChildrenSync(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // best effort: the process is exiting
    }
  }
  live.clear();
}
