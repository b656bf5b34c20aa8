/**
 * Running the command line in a test: in this process (`runCli`: `main()` with stdout and stderr
 * captured; call `captureOutput()` once in the file), or as a process of its own (`spawnCli`: the
 * sources through tsx, for what only a process shows: resource limits, signals, the real exit code).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { progressDisplay } from '../../src/cli/progress.js';
import { REPO } from './letters.js';

export interface CliRun { code: number; out: string; err: string }

let out = '';
let err = '';

function startCapture(): void {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
}

/** Captures stdout and stderr around every test of the file (restored after each). */
export function captureOutput(): void {
  beforeEach(startCapture);
  afterEach(() => { vi.restoreAllMocks(); });
}

/**
 * Without progress: on a pipe, as here, the command prints a line per step (test/cli/help.test.ts
 * tests those); the tests read what it prints besides.
 */
export const NO_PROGRESS = (): ReturnType<typeof progressDisplay> => progressDisplay('off');

/** `runCli` outside a test (in a `beforeAll`): what this one run printed, captured for it alone. */
export async function runCliOnce(...args: string[]): Promise<CliRun> {
  startCapture();
  try {
    return await runCli(...args);
  } finally {
    vi.restoreAllMocks();
  }
}

/** `rijkspers ARGS` in this process, without progress lines; what it printed since the test began. */
export async function runCli(...args: string[]): Promise<CliRun> {
  const code = await main(args, NO_PROGRESS);
  return { code, out, err };
}

/**
 * `rijkspers ARGS` as a process of its own, run from the sources (test/support/run-cli.ts), with
 * `prelude` (bash) run first in the same process, e.g. `ulimit -f 16`.
 */
export function spawnCli(args: readonly string[], prelude = ''): SpawnSyncReturns<string> {
  const script = `${prelude}\nexec "$0" --import tsx ${JSON.stringify(join(REPO, 'test', 'support', 'run-cli.ts'))} "$@"`;
  return spawnSync('bash', ['-c', script, process.execPath, ...args], { encoding: 'utf8', cwd: REPO, timeout: 120_000 });
}

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A temp folder removed after the file's tests. */
export function tempDir(prefix = 'rijkspers-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The one line a failed letter prints on stderr: `FILE…: error: …`, no stack trace. */
export function oneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  if (/\n\s+at /u.test(stderr)) throw new Error(`a stack trace on stderr:\n${stderr}`);
  return lines[0]!;
}
