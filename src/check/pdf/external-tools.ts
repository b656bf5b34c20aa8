/**
 * Second opinions from command-line tools: `qpdf --check` (file structure), `pdfinfo
 * -struct-text` (poppler reads the structure tree) and, when installed, veraPDF.
 *
 * A tool that is not installed gives `ran: false` with the reason; whether that fails the build
 * is decided in index.ts (only veraPDF may be absent).
 */
import { execFile } from 'node:child_process';
import type { ToolRun, Violation } from '../types.js';
import { parseVerapdfJson } from './verapdf-report.js';

export interface ToolOutcome {
  run: ToolRun;
  violations: Violation[];
  /** The command is not on this machine (ENOENT). */
  missing: boolean;
}

interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
  error?: string;
}

const MAX_BUFFER = 64 * 1024 * 1024;

function exec(command: string, args: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: MAX_BUFFER, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ code: 0, stdout, stderr, missing: false });
        return;
      }
      const err = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
      if (err.code === 'ENOENT') {
        resolve({ code: null, stdout: '', stderr: '', missing: true, error: `${command} is not installed` });
      } else if (typeof err.code === 'number') {
        resolve({ code: err.code, stdout, stderr, missing: false });
      } else {
        resolve({ code: null, stdout, stderr, missing: false, error: err.killed ? `${command} timed out` : err.message });
      }
    });
  });
}

const versions = new Map<string, Promise<string | undefined>>();

/** First line of `command versionFlag`, asked once per process. */
function versionOf(command: string, flag: string, pattern: RegExp): Promise<string | undefined> {
  const key = `${command} ${flag}`;
  let version = versions.get(key);
  if (!version) {
    version = exec(command, [flag], 10_000).then((r) => pattern.exec(`${r.stdout}\n${r.stderr}`)?.[1]);
    versions.set(key, version);
  }
  return version;
}

function toolRun(tool: string, started: number, fields: Partial<ToolRun> & { ran: boolean }): ToolRun {
  return { tool, durationMs: Math.round(performance.now() - started), ...fields };
}

export async function runQpdf(file: string, command = 'qpdf'): Promise<ToolOutcome> {
  const started = performance.now();
  const [result, version] = await Promise.all([exec(command, ['--check', file], 60_000), versionOf(command, '--version', /qpdf version (\S+)/)]);
  if (result.code === null) {
    return { run: toolRun('qpdf', started, { ran: false, error: result.error ?? 'qpdf failed' }), violations: [], missing: result.missing };
  }
  const run = toolRun('qpdf', started, { ran: true, ...(version ? { version } : {}) });
  // qpdf exit codes: 0 clean, 2 errors, 3 warnings only.
  if (result.code === 0) return { run, violations: [], missing: false };
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(WARNING|qpdf:|error)/i.test(l));
  return {
    run,
    missing: false,
    violations: [
      {
        tool: 'qpdf',
        rule: 'qpdf-check',
        severity: result.code === 3 ? 'warning' : 'error',
        message: lines.slice(0, 5).join(' | ') || `qpdf --check exited with ${result.code}`,
        help: 'The file structure (xref, streams, objects) is damaged; regenerate the PDF.',
      },
    ],
  };
}

export async function runPdfinfoStruct(file: string, command = 'pdfinfo'): Promise<ToolOutcome> {
  const started = performance.now();
  const [result, version] = await Promise.all([exec(command, ['-struct-text', file], 60_000), versionOf(command, '-v', /pdfinfo version (\S+)/)]);
  if (result.code === null) {
    return { run: toolRun('pdfinfo', started, { ran: false, error: result.error ?? 'pdfinfo failed' }), violations: [], missing: result.missing };
  }
  const run = toolRun('pdfinfo', started, { ran: true, ...(version ? { version } : {}) });
  const syntaxErrors = result.stderr.split('\n').filter((l) => /^Syntax Error/.test(l));
  if (result.code === 0 && syntaxErrors.length === 0) return { run, violations: [], missing: false };
  return {
    run,
    missing: false,
    violations: [
      {
        tool: 'pdfinfo',
        rule: 'poppler-struct',
        severity: result.code === 0 ? 'warning' : 'error',
        message:
          result.code === 0
            ? `poppler reports: ${[...new Set(syntaxErrors)].slice(0, 3).join(' | ')}`
            : `pdfinfo -struct-text failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
        help: 'Poppler (used by many Linux viewers and screen-reader tools) cannot read the file or its structure tree cleanly.',
      },
    ],
  };
}

export async function runVerapdf(file: string, command = 'verapdf'): Promise<ToolOutcome> {
  const started = performance.now();
  const result = await exec(command, ['--flavour', 'ua1', '--format', 'json', file], 300_000);
  if (result.code === null) {
    return { run: toolRun('verapdf', started, { ran: false, error: result.error ?? 'verapdf failed' }), violations: [], missing: result.missing };
  }
  const version = await versionOf(command, '--version', /veraPDF\s+(\S+)/i);
  try {
    const parsed = parseVerapdfJson(result.stdout);
    const run = toolRun('verapdf', started, { ran: true, checked: parsed.checkedRules, ...(version ? { version } : {}) });
    return { run, violations: parsed.violations, missing: false };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      run: toolRun('verapdf', started, { ran: false, error: `cannot read veraPDF output (exit ${result.code}): ${message}` }),
      violations: [],
      missing: false,
    };
  }
}
