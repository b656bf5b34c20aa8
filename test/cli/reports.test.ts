/**
 * Every report of a checked build, through the command line: build --json, STEM.report.json and
 * check --json against docs/report-schema.json, SARIF against the SARIF 2.1.0 schema, JUnit as XML
 * with one case per output × check tool, index.html with every finding, and a partial build that
 * merges. The checkers are replaced by recorded results (test/report/sample-checks.ts): the
 * pipeline, staging, reports and the command line are the real ones.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { fromXml } from 'xast-util-from-xml';
import type { Element as XmlElement, Root as XmlRoot } from 'xast';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckSession, OutputFormat } from '../../src/check/types.js';
import type { Report } from '../../src/report/schema.js';
import { ALL_SAMPLE_FINDINGS, sampleCheck } from '../report/sample-checks.js';

vi.mock('../../src/formats.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/formats.js')>();
  const { sampleCheck: recorded } = await import('../report/sample-checks.js');
  const session = (format: OutputFormat): CheckSession => ({ format, check: async (file) => recorded(format, file), close: async () => {} });
  const FORMATS = real.FORMATS.map((f) => ({ ...f, loadChecker: async () => async () => session(f.format) }));
  return { ...real, FORMATS, formatSpec: (format: OutputFormat) => FORMATS.find((f) => f.format === format)! };
});

// Imported after the mock above (vi.mock is hoisted): the command line runs the recorded checkers.
const { captureOutput, runCli: run, runCliOnce, tempDir: tempDirNamed } = await import('../support/cli.js');

const REF = 'input/000_4c8a1616a76a7555.txt';
const STEM = '000_4c8a1616a76a7555';

captureOutput();
const tempDir = (): string => tempDirNamed('rijkspers-reports-');

const reportSchema = JSON.parse(readFileSync('docs/report-schema.json', 'utf8')) as object;
const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema);
function expectValidReport(data: unknown): void {
  const ok = validateReport(data);
  expect(validateReport.errors ?? [], 'report schema').toEqual([]);
  expect(ok).toBe(true);
}

let dir: string;
let build: { code: number; out: string; err: string };
let report: Report;

beforeAll(async () => {
  dir = tempDir();
  build = await runCliOnce('build', REF, '--out', dir, '--json', '--jobs', '1');
  report = JSON.parse(build.out) as Report;
}, 120_000);

describe('build --json and STEM.report.json', () => {
  it('exit 1, the report alone on standard output, the human lines on standard error', () => {
    expect(build.code).toBe(1);
    expect(build.out.trimStart().startsWith('{')).toBe(true);
    expect(build.err).toMatch(/FAIL {2}.*000_4c8a1616a76a7555\.pdf {2}rijkspers 2 · qpdf 0 · verapdf not installed \(optional\)/u);
    expect(build.err).toMatch(/Summary: 1 letter, 3 outputs written, 0 passed, 3 with violations, 0 input errors, 1 warning → exit 1/u);
  });

  it('validate against docs/report-schema.json', () => {
    expectValidReport(report);
    expectValidReport(JSON.parse(readFileSync(join(dir, `${STEM}.report.json`), 'utf8')));
  });

  it('hold every finding with its structured fields, the input line where the model knows it', () => {
    const letter = report.letters[0]!;
    expect(letter.status).toBe('violations');
    expect(letter.outputs.map((o) => [o.format, o.status, o.file])).toEqual([
      ['html', 'failed', join(dir, `${STEM}.html`)], ['pdf', 'failed', join(dir, `${STEM}.pdf`)], ['epub', 'failed', join(dir, `${STEM}.epub`)],
    ]);
    const findings = letter.outputs.flatMap((o) => o.check!.findings);
    expect(findings.map((f) => f.rule).sort()).toEqual(ALL_SAMPLE_FINDINGS.map((f) => f.rule).sort());
    const axe = findings.find((f) => f.rule === 'color-contrast')!;
    expect(axe).toMatchObject({ tool: { name: 'axe', version: '4.14.1' }, impact: 'serious', wcag: ['1.4.3'], locations: [{ selector: '#b3 > a' }] });
    // #b3 is a block of the letter: its line in the input.
    expect(axe.input).toEqual({ file: REF, line: expect.any(Number) });
    expect(findings.find((f) => f.rule === 'RP-heading-text')!.input).toEqual({ file: REF, line: expect.any(Number) });
    expect(findings.find((f) => f.rule === '7.1-3')!).toMatchObject({ count: 3, references: ['Matterhorn 01-005'], locations: [{ page: 2, object: '12 0 R' }] });
    expect(findings.find((f) => f.rule === 'RSC-005')!.locations).toEqual([{ file: 'EPUB/brief.xhtml', line: 12, column: 7 }]);
    // No durations anywhere: the same input gives the same report.
    expect(JSON.stringify(report)).not.toContain('durationMs');
  });

  it('STEM.report.json is the same letter, its paths relative to the folder', () => {
    const own = JSON.parse(readFileSync(join(dir, `${STEM}.report.json`), 'utf8')) as Report;
    expect(own.letters[0]!.outputs.map((o) => o.file)).toEqual([`${STEM}.html`, `${STEM}.pdf`, `${STEM}.epub`]);
    expect(own.summary).toEqual(report.summary);
    expect(JSON.stringify(own)).not.toContain(dir);
  });
});

describe('check --json', () => {
  it('validates against the same schema, unreadable files as errors', async () => {
    const r = await run('check', join(dir, `${STEM}.pdf`), join(dir, `${STEM}.epub`), 'README.md', '--json', '--quiet');
    expect(r.code).toBe(2);
    const checked = JSON.parse(r.out) as Report;
    expectValidReport(checked);
    expect(checked).toMatchObject({ command: 'check', letters: [], errors: [{ file: 'README.md', line: 1, code: 'unknown-file-type' }] });
    expect(checked.files.map((f) => [f.format, f.status])).toEqual([['pdf', 'failed'], ['epub', 'failed']]);
    expect(r.err).toMatch(/README\.md:1: error: cannot check this file type/u);
  });

  it('--report DIR writes report.json and index.html there, paths relative to DIR', async () => {
    const reportDir = join(dir, 'checks');
    const r = await run('check', join(dir, `${STEM}.pdf`), '--report', reportDir, '--quiet');
    expect(r.code).toBe(1);
    expect(readdirSync(reportDir).sort()).toEqual(['index.html', 'report.json']);
    const written = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
    expectValidReport(written);
    expect(written.files[0]!.file).toBe(`../${STEM}.pdf`);
    const page = fromHtml(readFileSync(join(reportDir, 'index.html'), 'utf8'));
    expect(selectAll('a[href]', page).map((a) => a.properties.href)).toContain(`../${STEM}.pdf`);
  });
});

describe('--reporter sarif', () => {
  it('validates against the SARIF 2.1.0 schema; results point at input lines', async () => {
    const r = await run('build', REF, '--out', tempDir(), '--reporter', 'sarif', '--jobs', '1', '--quiet');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out) as { version: string; runs: Array<{ tool: { driver: { name: string; version?: string; rules: Array<{ id: string; helpUri?: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const schema = JSON.parse(readFileSync('test/fixtures/sarif-schema-2.1.0.json', 'utf8')) as object;
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.version).toBe('2.1.0');
    const results = log.runs.flatMap((run) => run.results.map((x) => ({ tool: run.tool.driver.name, ...x })));
    const contrast = results.find((x) => x.ruleId === 'color-contrast')!;
    expect(contrast).toMatchObject({ tool: 'axe', level: 'error' });
    expect(contrast.locations[0]!.physicalLocation.artifactLocation.uri).toBe(REF);
    expect(contrast.locations[0]!.physicalLocation.region!.startLine).toBeGreaterThan(1);
    expect(results.find((x) => x.ruleId === 'qa-label-mismatch')).toMatchObject({ tool: 'rijkspers-reader', level: 'warning', locations: [{ physicalLocation: { region: { startLine: 112 } } }] });
    const axeRules = log.runs.find((run) => run.tool.driver.name === 'axe')!.tool.driver;
    expect(axeRules.version).toBe('4.14.1');
    expect(axeRules.rules.find((rule) => rule.id === 'color-contrast')!.helpUri).toBe('https://dequeuniversity.com/rules/axe/4.14/color-contrast');
  });
});

describe('--reporter junit', () => {
  it('is XML with one test case per output × check tool', async () => {
    const r = await run('build', REF, '--out', tempDir(), '--reporter', 'junit', '--jobs', '1', '--quiet');
    expect(r.code).toBe(1);
    const xml: XmlRoot = fromXml(r.out);
    const elements = (node: XmlRoot | XmlElement, name: string): XmlElement[] => node.children.flatMap((c) => (c.type === 'element' ? [...(c.name === name ? [c] : []), ...elements(c, name)] : []));
    const cases = elements(xml, 'testcase').filter((c) => String(c.attributes.classname).endsWith(`${STEM}.html`) || String(c.attributes.classname).endsWith(`${STEM}.pdf`) || String(c.attributes.classname).endsWith(`${STEM}.epub`));
    const expected = (['html', 'pdf', 'epub'] as const).flatMap((f) => sampleCheck(f, 'x').tools.map((t) => `${f}:${t.tool.name}`));
    expect(cases.map((c) => `${String(c.attributes.classname).split('.').pop()}:${String(c.attributes.name).split(' ')[0]}`)).toEqual(expected);
    const named = (classEnd: string, tool: string): XmlElement => cases.find((c) => String(c.attributes.classname).endsWith(classEnd) && String(c.attributes.name).startsWith(tool))!;
    expect(elements(named('.html', 'axe'), 'failure')).toHaveLength(1);
    expect(elements(named('.pdf', 'qpdf'), 'failure')).toHaveLength(0);
    expect(elements(named('.pdf', 'verapdf'), 'skipped')).toHaveLength(1);
    expect(elements(xml, 'testsuite')[0]!.attributes.name).toBe(REF);
  });
});

describe('index.html', () => {
  const page = (): ReturnType<typeof fromHtml> => fromHtml(readFileSync(join(dir, 'index.html'), 'utf8'));

  it('shows every finding with where it is and a link to its rule', () => {
    const text = toText(page());
    for (const f of ALL_SAMPLE_FINDINGS) expect(text, f.rule).toContain(f.message);
    expect(text).toContain('pagina 2; object 12 0 R');
    expect(text).toContain('bestand EPUB/brief.xhtml, regel 12, kolom 7');
    expect(text).toContain('selector #b3 > a');
    expect(text).toContain('<a href="https://example.org">meer</a>');
    expect(text).toContain('Matterhorn 01-005');
    expect(text).toMatch(/WCAG-succescriterium\s*1\.4\.3/u);
    expect(text).toMatch(/in de invoer: input\/000_4c8a1616a76a7555\.txt, regel \d+/u);
    expect(text).toContain('input/000_4c8a1616a76a7555.txt:112');
    const hrefs = selectAll('a[href]', page()).map((a) => String(a.properties.href));
    for (const f of ALL_SAMPLE_FINDINGS) if (f.helpUrl) expect(hrefs).toContain(f.helpUrl);
    expect(hrefs).toEqual(expect.arrayContaining([`${STEM}.html`, `${STEM}.pdf`, `${STEM}.epub`]));
  });

  it('names every tool with its version and has a thumbnail of the PDF with alternative text', () => {
    const text = toText(page());
    expect(text).toContain('epubcheck');
    expect(text).toContain('4.2.6');
    const img = selectAll('img', page());
    expect(img).toHaveLength(1);
    expect(String(img[0]!.properties.src)).toMatch(/^data:image\/png;base64,/u);
    expect(String(img[0]!.properties.alt)).toMatch(/^Eerste pagina van de PDF van ‘Beantwoording vragen/u);
  });

  it('has no script and a policy that allows only its own style and data: images', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(selectAll('script', page())).toEqual([]);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; img-src data:/u);
    expect(html).not.toContain(dir);
  });
});

describe('a partial build', () => {
  it('keeps the outputs it did not rebuild in the report, and drops one changed since', async () => {
    const folder = tempDir();
    expect((await run('build', REF, '--out', folder, '--jobs', '1', '--quiet', '--no-check')).code).toBe(0);
    const r = await run('build', REF, '--out', folder, '--format', 'pdf', '--jobs', '1');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`KEPT  .*${STEM}\\.html  from an earlier build \\(not checked\\)`, 'u'));
    const own = JSON.parse(readFileSync(join(folder, `${STEM}.report.json`), 'utf8')) as Report;
    expectValidReport(own);
    expect(own.letters[0]!.outputs.map((o) => o.format)).toEqual(['pdf']);
    expect(own.letters[0]!.kept.map((o) => [o.format, o.status])).toEqual([['html', 'not-checked'], ['epub', 'not-checked']]);
    expect(own.summary.outputs).toBe(1);
    const index = toText(fromHtml(readFileSync(join(folder, 'index.html'), 'utf8')));
    expect(index).toContain(`${STEM}.html`);
    expect(index).toContain('van een eerdere build');

    writeFileSync(join(folder, `${STEM}.html`), '<!DOCTYPE html><title>changed</title>');
    await run('build', REF, '--out', folder, '--format', 'pdf', '--jobs', '1', '--quiet', '--no-check');
    const after = JSON.parse(readFileSync(join(folder, `${STEM}.report.json`), 'utf8')) as Report;
    expect(after.letters[0]!.kept.map((o) => o.format)).toEqual(['epub']);
  });
});
