/**
 * The report as SARIF 2.1.0, the format code-scanning dashboards read (`--reporter sarif`).
 *
 * One run per tool (axe, pa11y, epubcheck, ace, rijkspers' own checkers, the reader), each with the
 * rules it reported. A finding is a result at the line of the letter's source that the model
 * ties it to (`input`), else at the letter's source file as a whole, so a dashboard of the
 * repository with the letters shows it; where it is in the output (file, line, page, object,
 * selector, snippet) follows as related locations and properties. For `check` (files without a
 * letter) the checked file itself is the location. Parser warnings and input errors are results of
 * the reader; a tool that could not run is a tool execution notification, not a result: it found
 * nothing wrong with the file, it failed to look.
 */
import type * as sarif from 'sarif';
import { locationText } from './console.js';
import type { Report, ReportFinding, ReportToolRun } from './schema.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/rijkspers';
const SRCROOT = '%SRCROOT%';

interface RunBuilder {
  tool: { name: string; version?: string };
  rules: sarif.ReportingDescriptor[];
  ruleIndex: Map<string, number>;
  results: sarif.Result[];
  failures: sarif.Notification[];
}

/** SARIF wants URIs: a relative path with `/`, each segment percent-encoded. */
function uri(path: string): string {
  return path.split('\\').join('/').split('/').map(encodeURIComponent).join('/');
}

function level(f: ReportFinding): sarif.Result.level {
  return f.severity === 'warning' ? 'warning' : 'error';
}

function ruleOf(f: ReportFinding): sarif.ReportingDescriptor {
  const tags = [...(f.wcag ?? []).map((c) => `WCAG ${c}`), ...(f.references ?? []), ...(f.profile ? [f.profile] : [])];
  return {
    id: f.rule,
    ...(f.help ? { help: { text: f.help } } : {}),
    ...(f.helpUrl ? { helpUri: f.helpUrl } : {}),
    ...(tags.length ? { properties: { tags } } : {}),
  };
}

function outputLocations(f: ReportFinding, output: string): sarif.Location[] {
  return f.locations.map((l, i) => {
    // A line inside the output itself (HTML) is a region of it; inside an EPUB's container, a property.
    const inOutput = l.file === undefined || l.file === output;
    const region: sarif.Region | undefined = inOutput && l.line !== undefined
      ? { startLine: l.line, ...(l.column !== undefined ? { startColumn: l.column } : {}), ...(l.snippet ? { snippet: { text: l.snippet } } : {}) }
      : undefined;
    const properties = Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined));
    const text = locationText(l);
    return {
      id: i,
      physicalLocation: { artifactLocation: { uri: uri(output) }, ...(region ? { region } : {}) },
      ...(text ? { message: { text } } : {}),
      properties,
    };
  });
}

function result(f: ReportFinding, run: RunBuilder, where: { source?: string; output: string; format: string }): sarif.Result {
  let index = run.ruleIndex.get(f.rule);
  if (index === undefined) {
    index = run.rules.length;
    run.rules.push(ruleOf(f));
    run.ruleIndex.set(f.rule, index);
  }
  const primary: sarif.Location = f.input
    ? { physicalLocation: { artifactLocation: { uri: uri(f.input.file), uriBaseId: SRCROOT }, region: { startLine: f.input.line } } }
    : where.source
      ? { physicalLocation: { artifactLocation: { uri: uri(where.source), uriBaseId: SRCROOT } } }
      : outputLocations(f, where.output)[0] ?? { physicalLocation: { artifactLocation: { uri: uri(where.output) } } };
  const related = where.source || f.input ? outputLocations(f, where.output) : [];
  const properties: sarif.PropertyBag = {
    severity: f.severity,
    output: where.output,
    format: where.format,
    ...(f.impact ? { impact: f.impact } : {}),
    ...(f.wcag?.length ? { wcag: f.wcag } : {}),
    ...(f.profile ? { profile: f.profile } : {}),
    ...(f.references?.length ? { references: f.references } : {}),
    ...(f.count !== undefined ? { count: f.count } : {}),
    ...(f.passes?.length ? { passes: f.passes } : {}),
  };
  return {
    ruleId: f.rule,
    ruleIndex: index,
    level: level(f),
    message: { text: f.message },
    locations: [primary],
    ...(related.length ? { relatedLocations: related } : {}),
    properties,
  };
}

function failure(run: ReportToolRun, output: string): sarif.Notification {
  return {
    level: 'error',
    message: { text: `${run.tool.name} could not check ${output}: ${run.error ?? 'it did not run'}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: uri(output) } } }],
  };
}

export function toSarif(report: Report): sarif.Log {
  const runs = new Map<string, RunBuilder>();
  const runOf = (tool: { name: string; version?: string }): RunBuilder => {
    let run = runs.get(tool.name);
    if (!run) {
      run = { tool, rules: [], ruleIndex: new Map(), results: [], failures: [] };
      runs.set(tool.name, run);
    }
    return run;
  };
  const reader = { name: 'rijkspers-reader', version: report.generator.version };
  const checked = (output: string, format: string, findings: readonly ReportFinding[], tools: readonly ReportToolRun[], source?: string): void => {
    for (const t of tools) {
      const run = runOf(t.tool);
      if (!t.ran && !t.optional) run.failures.push(failure(t, output));
    }
    for (const f of findings) {
      if (f.severity === 'tool-failure') continue;
      const run = runOf(f.tool);
      run.results.push(result(f, run, { ...(source ? { source } : {}), output, format }));
    }
  };
  for (const letter of report.letters) {
    for (const w of letter.warnings) {
      const run = runOf(reader);
      run.results.push(result({
        tool: reader, rule: w.code, severity: 'warning', fails: false, message: w.message, locations: [], input: { file: w.file, line: w.line },
      }, run, { source: letter.input, output: letter.input, format: 'input' }));
    }
    if (letter.error) {
      const run = runOf(reader);
      const e = letter.error;
      run.results.push(result({
        tool: reader, rule: e.code, severity: 'violation', fails: true, message: e.message, locations: [],
        ...(e.line !== undefined ? { input: { file: e.file, line: e.line } } : {}),
      }, run, { source: letter.input, output: letter.input, format: 'input' }));
    }
    for (const f of letter.document) {
      const run = runOf(f.tool);
      run.results.push(result(f, run, { source: letter.input, output: letter.input, format: 'document' }));
    }
    for (const o of letter.outputs) if (o.check) checked(o.file, o.format, o.check.findings, o.check.tools, letter.input);
  }
  for (const o of report.files) if (o.check) checked(o.file, o.format, o.check.findings, o.check.tools);
  for (const e of report.errors) {
    const run = runOf(reader);
    run.results.push(result({ tool: reader, rule: e.code, severity: 'violation', fails: true, message: e.message, locations: [], input: { file: e.file, line: e.line } }, run, { output: e.file, format: 'input' }));
  }
  const names = [...runs.keys()].sort();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: names.map((name) => {
      const run = runs.get(name)!;
      return {
        tool: {
          driver: {
            name: run.tool.name,
            ...(run.tool.version ? { version: run.tool.version } : {}),
            ...(run.tool.name.startsWith('rijkspers') ? { informationUri: INFORMATION_URI } : {}),
            rules: run.rules,
          },
        },
        invocations: [{
          executionSuccessful: run.failures.length === 0,
          ...(run.failures.length ? { toolExecutionNotifications: run.failures } : {}),
        }],
        columnKind: 'unicodeCodePoints',
        results: run.results,
      };
    }),
  };
}

export function serialiseSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
