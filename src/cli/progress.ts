/**
 * Progress on standard error while a build or check runs. On a terminal: one status line, redrawn
 * in place (letter i of n, what it is doing, seconds so far), cleared before any other line is
 * printed. Elsewhere (CI logs, a pipe): one plain line per step, never redrawn. `--quiet`: nothing.
 *
 * The status line is cut to the terminal's width, so it never wraps and one carriage return and an
 * erase-line always remove it: that is all a library for redrawn output would add here.
 */
import type { OnProgress, ProgressEvent } from '../pipeline/progress.js';

export type ProgressMode = 'tty' | 'plain' | 'off';

export interface ProgressDisplay {
  onProgress: OnProgress;
  /** Writes lines to `stream` without garbling the status line. */
  print(stream: NodeJS.WritableStream, lines: readonly string[]): void;
  /** Removes the status line and stops the clock. */
  stop(): void;
}

interface Active {
  input: string;
  step: 'rendering' | 'writing' | 'checking';
  checking: string[];
}

const ERASE_LINE = '\r\u001b[2K';

function plainLine(event: ProgressEvent): string | undefined {
  const at = 'index' in event ? `[${event.index + 1}/${event.total}] ${event.input}: ` : '';
  switch (event.type) {
    case 'start': return `rijkspers: ${event.command === 'build' ? 'building' : 'checking'} ${event.total} ${event.command === 'build' ? 'letter' : 'file'}${event.total === 1 ? '' : 's'}`;
    case 'letter-start': return `${at}rendering`;
    case 'letter-rendered': return `${at}rendered ${event.formats.join(', ')}`;
    case 'check-start': return `${at}checking ${event.file}`;
    case 'check-done': return `${at}checked ${event.file}: ${event.passed ? 'passed' : 'violations'}`;
    case 'letter-done': return undefined;
    case 'index': return `rijkspers: writing ${event.file}`;
  }
}

export function progressDisplay(mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  const write = (stream_: NodeJS.WritableStream, lines: readonly string[]): void => {
    if (lines.length) stream_.write(`${lines.join('\n')}\n`);
  };
  if (mode === 'off') return { onProgress: () => {}, print: write, stop: () => {} };
  if (mode === 'plain') {
    return {
      onProgress: (event) => {
        const line = plainLine(event);
        if (line !== undefined) stream.write(`${line}\n`);
      },
      print: write,
      stop: () => {},
    };
  }

  const active = new Map<number, Active>();
  let command: 'build' | 'check' = 'build';
  let total = 0;
  let done = 0;
  let note: string | undefined;
  let shown = false;
  const started = Date.now();
  const status = (): string => {
    const first = [...active.entries()].sort((a, b) => a[0] - b[0])[0];
    const seconds = `${Math.round((Date.now() - started) / 1000)} s`;
    if (!first) return `rijkspers: ${note ?? `${done} of ${total} done`} · ${seconds}`;
    const [index, a] = first;
    const doing = a.step === 'checking' && a.checking.length ? `checking ${a.checking.join(', ')}` : a.step;
    const others = active.size > 1 ? ` (+${active.size - 1} in progress)` : '';
    return `rijkspers [${index + 1}/${total}] ${a.input}: ${doing}${others} · ${seconds}`;
  };
  const draw = (): void => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const text = status();
    stream.write(`${ERASE_LINE}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    shown = true;
  };
  const clear = (): void => {
    if (shown) stream.write(ERASE_LINE);
    shown = false;
  };
  const timer = setInterval(draw, 1000);
  // The clock must not keep the process alive.
  timer.unref();

  return {
    onProgress: (event) => {
      switch (event.type) {
        case 'start': command = event.command; total = event.total; break;
        case 'letter-start': active.set(event.index, { input: event.input, step: 'rendering', checking: [] }); break;
        case 'letter-rendered': { const a = active.get(event.index); if (a) a.step = 'writing'; break; }
        case 'check-start': {
          const a = active.get(event.index) ?? { input: event.input, step: 'checking', checking: [] };
          a.step = 'checking';
          a.checking.push(event.format);
          active.set(event.index, a);
          break;
        }
        case 'check-done': {
          const a = active.get(event.index);
          if (a) a.checking = a.checking.filter((f) => f !== event.format);
          // `check` has one file per position; a build's letter goes on to write its files.
          if (command === 'check') {
            active.delete(event.index);
            done++;
          } else if (a && a.checking.length === 0) {
            a.step = 'writing';
          }
          break;
        }
        case 'letter-done': active.delete(event.index); done++; break;
        case 'index': note = `writing ${event.file}`; break;
      }
      draw();
    },
    print: (target, lines) => {
      clear();
      write(target, lines);
      draw();
    },
    stop: () => {
      clearInterval(timer);
      clear();
    },
  };
}

/** The mode for a stream: redrawn on a terminal, plain lines elsewhere, nothing when quiet. */
export function progressMode(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (quiet) return 'off';
  return stream.isTTY ? 'tty' : 'plain';
}
