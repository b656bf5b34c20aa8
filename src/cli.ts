/**
 * The `rijkspers` command.
 *
 * Exit codes: 0 everything published and every check passed; 1 a check found violations (outputs
 * are kept, the report says what and where); 2 an input could not be read or parsed (nothing
 * written for it) or the command line is wrong; 3 an internal error (a bug: the stack is printed).
 */
import { access } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CheckResult, OutputFormat } from './check/types.js';
import { FORMATS, formatOfFile } from './formats.js';
import { InputError, formatDiagnostic } from './parse/diagnostics.js';
import { parseLetterFile } from './parse/parse-letter.js';
import { loadTheme } from './render/theme.js';
import { buildLetters, checkFiles, type LetterOutcome } from './pipeline.js';
import { checkLines, outcomeLines, summarise, summaryLine } from './report/console.js';
import { removePendingTempFiles } from './util/atomic-write.js';
import { killChildrenSync } from './util/child-processes.js';
import { liveTempDirs, removeTempDirsSync } from './util/temp-dir.js';
import { VERSION } from './version.js';

const USAGE = `rijkspers ${VERSION} — accessible PDF/UA, EPUB and HTML from Dutch government letters

Usage:
  rijkspers build FILE... [--out DIR] [--format html,pdf,epub] [--no-check] [--theme NAME] [--json]
  rijkspers parse FILE [--json]
  rijkspers check FILE... [--json]
  rijkspers --help | --version

build   publishes each letter (plain-text export, see README) as DIR/STEM.html, STEM.pdf,
        STEM.epub and STEM.report.json (default DIR: output), then checks every output.
parse   prints the document model of one letter (--json for the full tree).
check   checks existing .html, .pdf and .epub files (any PDF, not only ours).

Exit codes: 0 all published and all checks pass; 1 a check found violations;
            2 an input could not be read or parsed, or a usage error; 3 internal error.`;

class UsageError extends Error {}

function parseFormats(spec: string | undefined): OutputFormat[] {
  if (spec === undefined) return [...FORMATS];
  const wanted = spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length || wanted.length === 0) throw new UsageError(`--format takes a list of ${FORMATS.join(', ')}; got "${spec}"`);
  // Keep the canonical order so output lists and reports do not depend on how the flag was typed.
  return FORMATS.filter((f) => wanted.includes(f));
}

function print(lines: readonly string[], stream: NodeJS.WriteStream = process.stdout): void {
  if (lines.length) stream.write(`${lines.join('\n')}\n`);
}

function outcomeJson(o: LetterOutcome): unknown {
  if (o.kind === 'input-error') return { input: o.input, status: 'input-error', error: o.error, warnings: o.warnings };
  return {
    input: o.input, status: o.checks === undefined ? 'not-checked' : o.checks.every((c) => c.passed) ? 'published' : 'violations',
    warnings: o.warnings, report: o.reportPath,
    outputs: o.outputs.map((out, i) => ({ ...out, check: o.checks?.[i] })),
  };
}

async function commandBuild(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      out: { type: 'string', default: 'output' },
      format: { type: 'string' },
      'no-check': { type: 'boolean', default: false },
      theme: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('build needs at least one input FILE');
  const formats = parseFormats(values.format);
  if (values.theme !== undefined) {
    // A mistyped house style is a usage error (exit 2), not an internal error in the middle of a build.
    try {
      loadTheme(values.theme);
    } catch {
      throw new UsageError(`--theme: there is no house style "${values.theme}" (expected templates/${values.theme}/theme.json)`);
    }
  }
  const check = !values['no-check'];
  const outcomes = await buildLetters(positionals, {
    outDir: values.out!, formats, check, ...(values.theme ? { theme: values.theme } : {}),
  }, (outcome) => {
    const { out, err } = outcomeLines(outcome);
    print(err, process.stderr);
    if (!values.json) print(out);
  });
  const summary = summarise(outcomes);
  if (values.json) print([JSON.stringify({ outcomes: outcomes.map(outcomeJson), summary }, null, 2)]);
  else print([summaryLine(summary, check)]);
  return summary.exitCode;
}

async function commandParse(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('parse takes exactly one FILE');
  const { letter, warnings } = await parseLetterFile(positionals[0]!);
  print(warnings.map(formatDiagnostic), process.stderr);
  if (values.json) {
    print([JSON.stringify(letter, null, 2)]);
    return 0;
  }
  const qa = letter.annex?.parts ?? [];
  print([
    `${letter.source.path}: "${letter.subject.text}"`,
    `  from ${letter.sender.organisation.text}, ${letter.date.text}${letter.date.iso ? ` (${letter.date.iso})` : ''}`,
    `  fields: ${letter.fields.map((f) => `${f.label} = ${f.values.map((v) => v.text).join(' / ')}`).join('; ') || 'none'}`,
    `  body: ${letter.body.length} blocks (${letter.body.filter((b) => b.type === 'heading').length} headings, ${letter.body.filter((b) => b.type === 'list').length} lists)`,
    `  annex: ${letter.annex ? `${qa.filter((p) => p.type === 'question').length} questions, ${qa.filter((p) => p.type === 'answer').length} answers` : 'none'}`,
    `  notes: ${letter.notes.filter((n) => n.kind === 'footnote').length} footnotes, ${letter.notes.filter((n) => n.kind === 'source').length} source references`,
    `  signed by: ${letter.signatories.map((s) => s.name?.text ?? '(no name)').join(', ') || 'nobody'}`,
    `  warnings: ${warnings.length}`,
  ]);
  return 0;
}

async function commandCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length === 0) throw new UsageError('check needs at least one FILE (.html, .pdf or .epub)');
  const files: Array<{ path: string; format: OutputFormat }> = [];
  let unreadable = false;
  for (const path of positionals) {
    const format = formatOfFile(path);
    if (!format) { process.stderr.write(`${path}:1: error: cannot check this file type (expected .html, .pdf or .epub)\n`); unreadable = true; continue; }
    try { await access(path); } catch { process.stderr.write(`${path}:1: error: cannot read the file\n`); unreadable = true; continue; }
    files.push({ path, format });
  }
  const results: CheckResult[] = await checkFiles(files, (r) => { if (!values.json) print(checkLines(r)); });
  const failed = results.filter((r) => !r.passed).length;
  const exitCode = unreadable ? 2 : failed ? 1 : 0;
  if (values.json) print([JSON.stringify({ results, exitCode }, null, 2)]);
  else print([`Summary: ${results.length} checked, ${results.length - failed} passed, ${failed} with violations → exit ${exitCode}`]);
  return exitCode;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build': return await commandBuild(rest);
      case 'parse': return await commandParse(rest);
      case 'check': return await commandCheck(rest);
      case '--version': case '-v': print([VERSION]); return 0;
      case undefined: case '--help': case '-h': case 'help': print([USAGE]); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${formatDiagnostic(err.diagnostic)}\n`);
      return 2;
    }
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`rijkspers: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`rijkspers: internal error (please report): ${err instanceof Error ? err.stack : String(err)}\n`);
    return 3;
  }
}

/**
 * Ctrl-C or a CI timeout must not leave a half-written temp file in the output directory, the
 * checkers' scratch directories in /tmp (Chromium's own temp files are inside them), a browser
 * or a JVM. The processes go first (whole process groups, waited for), so none of them writes
 * into a directory after it was removed. The exit code is the shell's: 128 + the signal number.
 */
export function installSignalHandlers(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      removePendingTempFiles();
      killChildrenSync(liveTempDirs());
      removeTempDirsSync();
      process.exit(code);
    });
  }
}
