/**
 * The `rijkspers` command (commander): `build`, `parse`, `check`, `themes`, `help [COMMAND]`.
 *
 * Exit codes: 0 everything published and every check passed; 1 a check found violations (outputs
 * are kept, the report says what and where); 2 an input could not be read or parsed (nothing
 * written for it) or the command line is wrong; 3 an internal error (a bug: the stack is printed).
 *
 * Standard output carries the results: the human lines, or the one machine report asked for with
 * `--reporter` / `--json` (then the human lines go to standard error). Progress, parser warnings
 * and errors always go to standard error.
 */
import { Command, CommanderError, Option } from 'commander';
import { FORMAT_NAMES, PDF_STANDARDS, type OutputFormat, type PdfStandard } from './formats.js';
import { formatDiagnostic, InputError } from './readers/shared/diagnostics.js';
import { OutputError } from './util/output-files.js';
import { DEFAULT_THEME, listThemes, loadTheme } from './render/theme.js';
import { checkSummaryLine, letterLines, outputLines, summaryLine, type LineOptions } from './report/console.js';
import { REPORTERS, parseReporters, writeReports, type ReporterSpec } from './cli/reporters.js';
import { progressDisplay, progressMode, type ProgressDisplay } from './cli/progress.js';
import { removePendingTempFiles } from './util/output-files.js';
import { killChildrenSync } from './util/child-processes.js';
import { liveTempDirs, removeTempDirsSync } from './util/temp-dir.js';
import { VERSION } from './version.js';

/** A wrong command line: one line on standard error, exit 2. */
export class UsageError extends Error {}

function parseFormats(spec: string | undefined): OutputFormat[] {
  if (spec === undefined) return [...FORMAT_NAMES];
  const wanted = spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((f) => !(FORMAT_NAMES as readonly string[]).includes(f));
  if (unknown.length || wanted.length === 0) throw new UsageError(`--format takes a list of ${FORMAT_NAMES.join(', ')}; got "${spec}"`);
  // Keep the canonical order so output lists and reports do not depend on how the flag was typed.
  return FORMAT_NAMES.filter((f) => wanted.includes(f));
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number of at least 1; got "${value}"`);
  return jobs;
}

function parsePdfStandard(value: string | undefined): PdfStandard | undefined {
  if (value === undefined) return undefined;
  const found = PDF_STANDARDS.find((s) => s === value);
  if (!found) throw new UsageError(`--pdf-standard takes ${PDF_STANDARDS.join(', ')}; got "${value}"`);
  return found;
}

function checkTheme(name: string | undefined): void {
  if (name === undefined) return;
  // A mistyped house style is a usage error (exit 2), not an internal error in the middle of a build.
  try {
    loadTheme(name);
  } catch (err) {
    throw new UsageError(`--theme: ${err instanceof Error ? err.message : String(err)}; installed: ${listThemes().map((t) => t.name).join(', ')}`);
  }
}

function themeNames(): string {
  try {
    return listThemes().map((t) => (t.name === DEFAULT_THEME ? `${t.name} (default)` : t.name)).join(', ');
  } catch {
    return DEFAULT_THEME;
  }
}

/** The flags `build` and `check` share: what goes where on the terminal and standard output. */
interface OutputFlags {
  json?: boolean;
  reporter?: string[];
  verbose?: boolean;
  quiet?: boolean;
}

interface BuildFlags extends OutputFlags {
  out: string;
  format?: string;
  check: boolean;
  theme?: string;
  jobs?: string;
  pdfStandard?: string;
  certifier?: string;
  a11yReviewed?: boolean;
}

interface CheckFlags extends OutputFlags {
  report?: string;
  theme?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function outputOptions(command: Command): Command {
  return command
    .addOption(new Option('--reporter <name[=file]>', `report format: ${REPORTERS.join(', ')}; machine formats print to standard output (the human lines then go to standard error), or to FILE with NAME=FILE; may be repeated`).argParser(collect))
    .option('--json', 'the same as --reporter json')
    .option('--verbose', 'list every finding on the terminal (warnings too, with help links), not only the first 8 per output')
    .option('-q, --quiet', 'no progress; on the terminal only failures, errors and the summary');
}

/** Where results go: at most one machine report on standard output; human lines beside it. */
function destinations(flags: OutputFlags): { reporters: ReporterSpec[]; human: NodeJS.WritableStream; lines: LineOptions } {
  const reporters = parseReporters([...(flags.reporter ?? []), ...(flags.json ? ['json'] : [])], (m) => new UsageError(m));
  const machineOnStdout = reporters.some((r) => r.file === undefined && r.name !== 'human');
  return {
    reporters,
    human: machineOnStdout ? process.stderr : process.stdout,
    lines: { ...(flags.verbose ? { verbose: true } : {}), ...(flags.quiet ? { quiet: true } : {}) },
  };
}

async function commandBuild(inputs: string[], flags: BuildFlags, display: (quiet: boolean) => ProgressDisplay): Promise<number> {
  const formats = parseFormats(flags.format);
  const jobs = parseJobs(flags.jobs);
  const pdfStandard = parsePdfStandard(flags.pdfStandard);
  checkTheme(flags.theme);
  const { reporters, human, lines } = destinations(flags);
  const progress = display(flags.quiet === true);
  const fullReport = `${flags.out.replace(/\/+$/u, '')}/index.html`;
  try {
    // The pipeline loads once the command line is known good (`--help` and usage errors stay quick).
    const { runBuild } = await import('./pipeline/run.js');
    const { report } = await runBuild(inputs, {
      outDir: flags.out, formats, check: flags.check,
      ...(flags.theme ? { theme: flags.theme } : {}),
      ...(jobs ? { jobs } : {}),
      ...(pdfStandard ? { pdfStandard } : {}),
      ...(flags.certifier ? { certifier: flags.certifier } : {}),
      ...(flags.a11yReviewed ? { manualReview: true } : {}),
      onProgress: progress.onProgress,
      onLetter: (outcome, entry) => {
        const { out, err } = letterLines(entry, { ...lines, fullReport }, outcome.kind === 'internal-error' ? outcome.stack : undefined);
        progress.print(process.stderr, err);
        progress.print(human, out);
      },
    });
    progress.stop();
    await writeReports(reporters, report);
    human.write(`${summaryLine(report.summary, flags.check)}\n`);
    return report.summary.exitCode;
  } finally {
    progress.stop();
  }
}

async function commandCheck(files: string[], flags: CheckFlags, display: (quiet: boolean) => ProgressDisplay): Promise<number> {
  checkTheme(flags.theme);
  const { reporters, human, lines } = destinations(flags);
  const progress = display(flags.quiet === true);
  const fullReport = flags.report !== undefined ? `${flags.report.replace(/\/+$/u, '')}/index.html` : undefined;
  try {
    const { runCheck } = await import('./pipeline/run.js');
    const report = await runCheck(files, {
      ...(flags.report !== undefined ? { reportDir: flags.report } : {}),
      ...(flags.theme ? { theme: flags.theme } : {}),
      onProgress: progress.onProgress,
      onError: (d) => progress.print(process.stderr, [formatDiagnostic(d)]),
      onFile: (entry) => progress.print(human, outputLines(entry, { ...lines, ...(fullReport ? { fullReport } : {}) })),
    });
    progress.stop();
    await writeReports(reporters, report);
    human.write(`${checkSummaryLine(report.summary)}\n`);
    return report.summary.exitCode;
  } finally {
    progress.stop();
  }
}

async function commandParse(file: string, flags: { json?: boolean }): Promise<number> {
  const { readLetter } = await import('./readers/index.js');
  const { letter, warnings } = await readLetter(file);
  if (warnings.length) process.stderr.write(`${warnings.map(formatDiagnostic).join('\n')}\n`);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(letter, (_key, value: unknown) => (value instanceof Uint8Array ? `<${value.length} bytes>` : value), 2)}\n`);
    return 0;
  }
  const qa = letter.annex?.parts ?? [];
  process.stdout.write(`${[
    `${letter.source.path}: "${letter.subject.text}"`,
    `  from ${letter.sender.organisation.text}, ${letter.date.text}${letter.date.iso ? ` (${letter.date.iso})` : ''}`,
    `  fields: ${letter.fields.map((f) => `${f.label} = ${f.values.map((v) => v.text).join(' / ')}`).join('; ') || 'none'}`,
    `  body: ${letter.body.length} blocks (${letter.body.filter((b) => b.type === 'heading').length} headings, ${letter.body.filter((b) => b.type === 'list').length} lists)`,
    `  annex: ${letter.annex ? `${qa.filter((p) => p.type === 'question').length} questions, ${qa.filter((p) => p.type === 'answer').length} answers` : 'none'}`,
    `  notes: ${letter.notes.filter((n) => n.kind === 'footnote').length} footnotes, ${letter.notes.filter((n) => n.kind === 'source').length} source references`,
    `  signed by: ${letter.signatories.map((s) => s.name?.text ?? '(no name)').join(', ') || 'nobody'}`,
    `  warnings: ${warnings.length}`,
  ].join('\n')}\n`);
  return 0;
}

function commandThemes(): number {
  const themes = listThemes();
  const width = Math.max(...themes.map((t) => t.name.length)) + 2;
  process.stdout.write(`${themes.map((t) => `${t.name.padEnd(width)}${t.description}${t.name === DEFAULT_THEME ? ' (default)' : ''}`).join('\n')}\n`);
  return 0;
}

const EXIT_CODES = `
Exit codes:
  0  every letter published and every check passed
  1  a check found violations (the outputs are kept; index.html says what and where)
  2  an input could not be read or parsed (nothing written for it), or a usage error
  3  internal error (a bug in rijkspers; please report it)`;

/** The command line, made anew for each run (commander keeps state in its objects). */
function program(result: { code: number }, display: (quiet: boolean) => ProgressDisplay): Command {
  const cli = new Command('rijkspers')
    .description('Accessible PDF/UA-1, EPUB 3 and HTML from Dutch government letters, each output checked.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .configureHelp({ sortSubcommands: false, sortOptions: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      // Usage errors are printed by `main` as one line with a pointer to the right help.
      outputError: () => {},
    })
    .addHelpText('after', `${EXIT_CODES}

Examples:
  rijkspers build input/*                         publish every letter to output/ and check it
  rijkspers build input/brief.txt --format pdf     only the PDF (index.html keeps the others)
  rijkspers build input/*.txt --reporter sarif > checks.sarif
  rijkspers check output/brief.pdf --report checks/
  rijkspers help build`);

  outputOptions(cli.command('build')
    .description('publish each letter as DIR/STEM.html, STEM.pdf and STEM.epub with STEM.report.json, check every output, and write DIR/index.html, the publication report')
    .argument('<file...>', 'letters: Word documents (.docx) or plain-text exports from Word (.txt), see the README')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-f, --format <list>', `formats to publish, comma-separated: ${FORMAT_NAMES.join(', ')} (default: all); a partial build keeps the others in the report`)
    .option('--no-check', 'publish without checking (faster; the report says "not checked")')
    .option('--theme <name>', `house style: ${themeNames()}; see \`rijkspers themes\``)
    .option('-j, --jobs <n>', 'letters rendered at once (default: one per core)')
    .option('--pdf-standard <standard>', `standards the PDF claims: ${PDF_STANDARDS.join(', ')} (PDF/UA-1 alone, or with PDF/A-2a or PDF/A-3a)`)
    .option('--certifier <name>', 'who vouches for the accessibility statement (default: the letter\'s sender)')
    .option('--a11y-reviewed', 'a person has reviewed the publications against WCAG 2.2 AA (the statement may then claim conformance)'))
    .addHelpText('after', EXIT_CODES)
    .action(async (inputs: string[], _flags: unknown, command: Command) => {
      result.code = await commandBuild(inputs, command.opts<BuildFlags>(), display);
    });

  cli.command('parse')
    .description('print the document model of one letter: a summary, or the whole tree with --json')
    .argument('<file>', 'a letter (.docx or .txt)')
    .option('--json', 'the whole document model as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      result.code = await commandParse(file, flags);
    });

  outputOptions(cli.command('check')
    .description('check existing .html, .pdf and .epub files (any, not only rijkspers\')')
    .argument('<file...>', 'files to check')
    .option('--report <dir>', 'also write DIR/report.json and DIR/index.html, the publication report of the check')
    .option('--theme <name>', `house style whose words the report uses: ${themeNames()}`))
    .addHelpText('after', EXIT_CODES)
    .action(async (files: string[], _flags: unknown, command: Command) => {
      result.code = await commandCheck(files, command.opts<CheckFlags>(), display);
    });

  cli.command('themes')
    .description('list the installed house styles (for --theme)')
    .action(() => {
      result.code = commandThemes();
    });

  return cli;
}

const COMMANDS = ['build', 'parse', 'check', 'themes', 'help'];

/** commander's message as one line: `unknown option --foo; see \`rijkspers build --help\``. */
function usageLine(message: string, argv: readonly string[]): string {
  const text = message.replace(/^error:\s*/u, '').replace(/'(-[^']*)'/gu, '$1').replace(/\s*\n\s*/gu, ' ').replace(/\.$/u, '');
  const command = COMMANDS.includes(argv[0] ?? '') && argv[0] !== 'help' ? argv[0] : undefined;
  return `rijkspers: ${text}; see \`rijkspers ${command ? `${command} ` : ''}--help\``;
}

export async function main(argv: string[], display: (quiet: boolean) => ProgressDisplay = (quiet) => progressDisplay(progressMode(quiet))): Promise<number> {
  const result = { code: 0 };
  const cli = program(result, display);
  if (argv.length === 0) {
    process.stderr.write(cli.helpInformation());
    return 2;
  }
  if (argv[0] === 'help' && argv[1] !== undefined && !COMMANDS.includes(argv[1])) {
    process.stderr.write(`rijkspers: no command "${argv[1]}"; the commands are ${COMMANDS.join(', ')}; see \`rijkspers --help\`\n`);
    return 2;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      process.stderr.write(`${usageLine(err.message, argv)}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`${usageLine(err.message, argv)}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`${formatDiagnostic(err.diagnostic)}\n`);
      return 2;
    }
    if (err instanceof OutputError) {
      process.stderr.write(`rijkspers: error: ${err.message}\n`);
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
