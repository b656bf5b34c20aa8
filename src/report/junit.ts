/**
 * The report as JUnit XML (`--reporter junit`), which every CI shows as a test list: one test
 * suite per letter (per file for `check`), one test case per output × check tool (`output/brief.pdf`
 * × `qpdf`). A tool's failing findings are the case's failure, listed in full in its text; a tool
 * that could not run is an error; an optional tool that is not installed, or an output built with
 * `--no-check`, is skipped. Warnings go to the case's standard output. Each letter also has a
 * `read` case (parser warnings; the input error of a letter that was not published) and, when the
 * document rules found something, a `document rules` case. No times: the same report, the same XML.
 * Written with junit-report-builder.
 */
import { createRequire } from 'node:module';
import { findingLine } from './console.js';
import type { LetterEntry, OutputEntry, Report, ReportFinding } from './schema.js';

type JUnitBuilder = (typeof import('junit-report-builder'))['default'];
type TestSuite = ReturnType<JUnitBuilder['testSuite']>;

/** Its types declare an ES default export; its CommonJS build exports the builder itself. */
const junit = createRequire(import.meta.url)('junit-report-builder') as JUnitBuilder;

function lines(findings: readonly ReportFinding[]): string {
  return findings.map((f) => findingLine(f, true)).join('\n');
}

function outputCases(suite: TestSuite, output: OutputEntry, input?: string): void {
  const withFile = <C extends { file(path: string): C }>(c: C): C => (input ? c.file(input) : c);
  if (!output.check) {
    withFile(suite.testCase().className(output.file).name('not checked')).skipped();
    return;
  }
  for (const run of output.check.tools) {
    const tc = withFile(suite.testCase().className(output.file).name(run.tool.version ? `${run.tool.name} ${run.tool.version}` : run.tool.name));
    const own = output.check.findings.filter((f) => f.tool.name === run.tool.name);
    const failing = own.filter((f) => f.fails && f.severity !== 'tool-failure');
    const warnings = own.filter((f) => !f.fails);
    const broken = own.filter((f) => f.severity === 'tool-failure');
    if (!run.ran && run.optional) {
      tc.skipped().standardOutput(`${run.tool.name} is not installed (optional): ${run.error ?? ''}`.trim());
      continue;
    }
    if (!run.ran || broken.length) {
      tc.error(run.error ?? broken[0]?.message ?? 'the tool did not run', 'tool-failure', lines(broken));
    } else if (failing.length) {
      tc.failure(`${failing.length} finding${failing.length === 1 ? '' : 's'}: ${failing[0]!.message}`, failing[0]!.severity).stacktrace(lines(failing));
    }
    if (warnings.length) tc.standardOutput(lines(warnings));
  }
}

function letterSuite(builder: JUnitBuilder, letter: LetterEntry): void {
  const suite = builder.testSuite().name(letter.input);
  const read = suite.testCase().className(letter.input).name('read').file(letter.input);
  if (letter.error) {
    const e = letter.error;
    read.error(`${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`, letter.status);
  }
  if (letter.warnings.length) read.standardOutput(letter.warnings.map((w) => `${w.file}:${w.line}: warning: ${w.message}`).join('\n'));
  if (letter.document.length) {
    const doc = suite.testCase().className(letter.input).name('document rules').file(letter.input);
    const failing = letter.document.filter((f) => f.fails);
    if (failing.length) doc.failure(`${failing.length} finding${failing.length === 1 ? '' : 's'}: ${failing[0]!.message}`, 'violation').stacktrace(lines(failing));
    const warnings = letter.document.filter((f) => !f.fails);
    if (warnings.length) doc.standardOutput(lines(warnings));
  }
  for (const o of letter.outputs) outputCases(suite, o, letter.input);
}

export function toJunit(report: Report): string {
  const builder = junit.newBuilder();
  for (const letter of report.letters) letterSuite(builder, letter);
  for (const file of report.files) outputCases(builder.testSuite().name(file.file), file);
  if (report.errors.length) {
    const suite = builder.testSuite().name('check');
    for (const e of report.errors) suite.testCase().className(e.file).name('read').file(e.file).error(`${e.file}:${e.line}: ${e.message}`, e.code);
  }
  return `${builder.build()}\n`;
}
