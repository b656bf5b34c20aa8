/**
 * Second opinions from command-line tools: `qpdf --check` (file structure), `pdfinfo
 * -struct-text` (poppler reads the structure tree) and, when installed, veraPDF (one run per
 * profile flavour).
 *
 * A tool that cannot start, crashes (killed by a signal) or runs out of time says so as a
 * `tool-failure` finding, never as a violation of the file: nothing was checked. Its time limit
 * grows with the document (`timeLimitMs`), since pdfinfo alone needs seconds for a letter with
 * thousands of questions. Whether a tool that is not installed fails the check is decided in
 * index.ts (only veraPDF may be absent).
 */
import { execFile } from 'node:child_process';
import { toolFailure, type Finding, type ToolId, type ToolRun } from '../types.js';
import { withoutOutputIntents } from './poppler-workaround.js';
import { parseVerapdfJson } from './verapdf-report.js';

export interface ToolOutcome {
  run: ToolRun;
  findings: Finding[];
  /** The command is not on this machine (ENOENT). */
  missing: boolean;
}

interface ExecResult {
  /** Exit code when the process exited by itself. */
  code: number | null;
  stdout: string;
  stderr: string;
  missing: boolean;
  /** Why it did not exit normally: not installed, timed out, killed by a signal. */
  error?: string;
}

const MAX_BUFFER = 256 * 1024 * 1024;

function exec(command: string, args: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: MAX_BUFFER, timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ code: 0, stdout, stderr, missing: false });
        return;
      }
      const err = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string | null };
      if (err.code === 'ENOENT') {
        resolve({ code: null, stdout: '', stderr: '', missing: true, error: `${command} is not installed` });
      } else if (err.killed) {
        resolve({ code: null, stdout, stderr, missing: false, error: `${command} ran out of time (${Math.round(timeoutMs / 1000)} s)` });
      } else if (typeof err.code === 'number') {
        resolve({ code: err.code, stdout, stderr, missing: false });
      } else if (err.signal) {
        resolve({ code: null, stdout, stderr, missing: false, error: `${command} crashed (${err.signal})` });
      } else {
        resolve({ code: null, stdout, stderr, missing: false, error: err.message });
      }
    });
  });
}

/**
 * How long a tool may take on a file: one minute, plus 30 s per MB and 3 s per page. Generous on
 * purpose: the limit is there to stop a hung tool, not to judge a slow one, and the machine may be
 * busy with other work. The page term is set by poppler's `pdfinfo -struct-text`, the slowest
 * tool: about 0.1 s of CPU a page on our letters (and 1.2 s on files with a PDF/A output intent,
 * which poppler-workaround.ts avoids). A 2,000-question letter (365 pages, 2.7 MB) gets some 20
 * minutes.
 */
export function timeLimitMs(fileBytes: number, pages: number): number {
  return 60_000 + Math.ceil((fileBytes / 1_048_576) * 30_000) + pages * 3_000;
}

const versions = new Map<string, Promise<string | undefined>>();

/** First match of `pattern` in `command flag`'s output, asked once per process. */
function versionOf(command: string, flag: string, pattern: RegExp): Promise<string | undefined> {
  const key = `${command} ${flag}`;
  let version = versions.get(key);
  if (!version) {
    version = exec(command, [flag], 30_000).then((r) => pattern.exec(`${r.stdout}\n${r.stderr}`)?.[1]);
    versions.set(key, version);
  }
  return version;
}

async function toolId(name: string, version: Promise<string | undefined>): Promise<ToolId> {
  const v = await version;
  return v ? { name, version: v } : { name };
}

/** A tool that did not run through: `ran: false` and a tool-failure finding (unless not installed). */
function notRun(tool: ToolId, started: number, result: ExecResult, fallback: string): ToolOutcome {
  const error = result.error ?? fallback;
  return {
    run: { tool, ran: false, error, durationMs: Math.round(performance.now() - started) },
    findings: result.missing ? [] : [toolFailure(tool, error)],
    missing: result.missing,
  };
}

export async function runQpdf(file: string, timeoutMs: number, command = 'qpdf'): Promise<ToolOutcome> {
  const started = performance.now();
  const result = await exec(command, ['--check', file], timeoutMs);
  if (result.code === null) return notRun({ name: 'qpdf' }, started, result, 'qpdf failed');
  const tool = await toolId('qpdf', versionOf(command, '--version', /qpdf version (\S+)/));
  const run: ToolRun = { tool, ran: true, durationMs: Math.round(performance.now() - started) };
  // qpdf exit codes: 0 clean, 2 errors, 3 warnings only.
  if (result.code === 0) return { run, findings: [], missing: false };
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(WARNING|qpdf:|error)/i.test(l));
  const severity = result.code === 3 ? 'warning' : 'violation';
  return {
    run,
    missing: false,
    findings: [
      {
        tool,
        rule: 'qpdf-check',
        severity,
        fails: true,
        message: lines.slice(0, 5).join(' | ') || `qpdf --check exited with ${result.code}`,
        ...(lines.length > 1 ? { count: lines.length } : {}),
        locations: [{ file }],
        help: 'The file structure (xref, streams, objects) is damaged; regenerate the PDF.',
      },
    ],
  };
}

export async function runPdfinfoStruct(file: string, timeoutMs: number, command = 'pdfinfo'): Promise<ToolOutcome> {
  const started = performance.now();
  const result = await withoutOutputIntents(file, (path) => exec(command, ['-struct-text', path], timeoutMs));
  if (result.code === null) return notRun({ name: 'pdfinfo' }, started, result, 'pdfinfo failed');
  const tool = await toolId('pdfinfo', versionOf(command, '-v', /pdfinfo version (\S+)/));
  const run: ToolRun = { tool, ran: true, durationMs: Math.round(performance.now() - started) };
  const syntaxErrors = result.stderr.split('\n').filter((l) => /^Syntax Error/.test(l));
  if (result.code === 0 && syntaxErrors.length === 0) return { run, findings: [], missing: false };
  const finding: Finding =
    result.code === 0
      ? {
          tool,
          rule: 'poppler-struct',
          severity: 'warning',
          fails: false,
          message: `poppler reports: ${[...new Set(syntaxErrors)].slice(0, 3).join(' | ')}`,
          count: syntaxErrors.length,
          locations: [{ file }],
        }
      : {
          tool,
          rule: 'poppler-struct',
          severity: 'violation',
          fails: true,
          message: `pdfinfo -struct-text failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
          locations: [{ file }],
        };
  finding.help = 'Poppler (used by many Linux viewers and screen-reader tools) cannot read the file or its structure tree cleanly.';
  return { run, findings: [finding], missing: false };
}

/** veraPDF with one flavour (`ua1`, `2a` …); its findings carry our name for the profile. */
export async function runVerapdf(file: string, flavour: string, profile: string, timeoutMs: number, command = 'verapdf'): Promise<ToolOutcome> {
  const started = performance.now();
  const result = await exec(command, ['--flavour', flavour, '--format', 'json', file], timeoutMs);
  if (result.code === null) {
    const outcome = notRun({ name: 'verapdf' }, started, result, 'verapdf failed');
    outcome.run.profiles = [profile];
    return outcome;
  }
  const tool = await toolId('verapdf', versionOf(command, '--version', /veraPDF\s+(\S+)/i));
  try {
    const parsed = parseVerapdfJson(result.stdout, tool, profile);
    const run: ToolRun = { tool, ran: true, profiles: [profile], durationMs: Math.round(performance.now() - started) };
    if (parsed.checkedRules !== undefined) run.checked = parsed.checkedRules;
    return { run, findings: parsed.findings, missing: false };
  } catch (e) {
    const message = `cannot read veraPDF output (exit ${result.code}): ${e instanceof Error ? e.message : String(e)}`;
    return {
      run: { tool, ran: false, error: message, profiles: [profile], durationMs: Math.round(performance.now() - started) },
      findings: [toolFailure(tool, message)],
      missing: false,
    };
  }
}
