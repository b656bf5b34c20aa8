/** What a test needs to prove that a checker left no process behind (Linux /proc). */
import { readdirSync, readFileSync } from 'node:fs';

interface Stat { pid: number; state: string; ppid: number; pgid: number }

function stats(): Stat[] {
  const out: Stat[] = [];
  for (const e of readdirSync('/proc').filter((n) => /^\d+$/u.test(n))) {
    try {
      const text = readFileSync(`/proc/${e}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at the last ')'.
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(e), state: f[0]!, ppid: Number(f[1]), pgid: Number(f[2]) });
    } catch {
      // Gone while we looked.
    }
  }
  return out;
}

/** Running (not zombie) processes whose process group is `pgid`. */
export function groupAlive(pgid: number): number[] {
  return stats().filter((s) => s.pgid === pgid && s.state !== 'Z').map((s) => s.pid);
}

/** Running descendants of `pid`, and every process in a group one of them leads. */
export function descendants(pid: number): number[] {
  const all = stats().filter((s) => s.state !== 'Z');
  const found = new Set<number>();
  let frontier = [pid];
  while (frontier.length) {
    const next = all.filter((s) => frontier.includes(s.ppid) && !found.has(s.pid)).map((s) => s.pid);
    next.forEach((p) => found.add(p));
    frontier = next;
  }
  for (const s of all) if (found.has(s.pgid)) found.add(s.pid);
  return [...found];
}

/** The command name of `pid` (`chromium`, `java` …), or undefined when it is gone. */
export function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Whether `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  return stats().some((s) => s.pid === pid && s.state !== 'Z');
}
