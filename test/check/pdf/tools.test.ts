/**
 * The PDF checker as the pipeline uses it: `checkPdf(file)` with qpdf, pdfinfo and veraPDF around
 * our own rules, on PDFs made by pdfkit (untagged and tagged) and by the test factory; tools that
 * time out or crash are tool failures, not violations.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument as PDFLibDocument, PDFName } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { timeLimitMs } from '../../../src/check/pdf/external-tools.js';
import { withoutOutputIntents } from '../../../src/check/pdf/poppler-workaround.js';
import { checkOwnRules, checkPdf, openPdfChecker, PROFILES } from '../../../src/check/pdf/index.js';
import type { Finding } from '../../../src/check/types.js';
import { parseVerapdfJson } from '../../../src/check/pdf/verapdf-report.js';
import { artifact, buildPdf, goodSpec, show, tagged, type DocSpec, type ElemSpec } from '../../support/pdf-factory.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-pdfua-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);
const FIRA = require.resolve('@expo-google-fonts/fira-sans/400Regular/FiraSans_400Regular.ttf');

function installed(command: string, flag: string): boolean {
  return !spawnSync(command, [flag]).error;
}

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** A pdfkit document, collected into bytes. */
function pdfkit(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    draw(doc);
    doc.end();
  });
}

const RULES = PROFILES.pdfua1.rules;
const names = (result: { tools: Array<{ tool: { name: string } }> }): string[] => result.tools.map((t) => t.tool.name);
const where = (f: Finding): string => (f.locations[0]?.page !== undefined ? `page ${f.locations[0].page}` : (f.locations[0]?.object ?? 'document'));

/** Our PDF/UA-1 rules alone. */
async function checkPdfUa(bytes: Uint8Array): Promise<{ violations: Finding[] }> {
  return { violations: (await checkOwnRules(bytes, ['pdfua1'])).findings };
}

/** A stand-in command: a Node script with this body. */
function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A fake `verapdf` that prints a fixed report, to test the merge without Java. */
function fakeVerapdf(name: string, stdout: string, exitCode: number): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/usr/bin/env node\nprocess.stdout.write(${JSON.stringify(stdout)});\nprocess.exit(${exitCode});\n`);
  chmodSync(file, 0o755);
  return file;
}

const VERAPDF_REPORT = JSON.stringify({
  report: {
    jobs: [
      {
        itemDetails: { name: 'x.pdf' },
        validationResult: [
          {
            compliant: false,
            profileName: 'PDF/UA-1 validation profile',
            details: {
              passedRules: 105,
              failedRules: 1,
              ruleSummaries: [
                {
                  ruleStatus: 'FAILED',
                  specification: 'ISO 14289-1:2014',
                  clause: '7.1',
                  testNumber: 3,
                  status: 'failed',
                  failedChecks: 4,
                  description: 'Content shall be marked as Artifact or tagged as real content',
                  checks: [{ status: 'failed', context: 'root/document[0]/pages[1](12 0 obj PDPage)/contentStream[0]/content[3]' }],
                },
              ],
            },
          },
        ],
      },
    ],
  },
});

describe('checkPdf on a file', () => {
  it('passes a good letter; every tool that is installed ran, veraPDF may be absent', async () => {
    const file = await write('good.pdf', await buildPdf(goodSpec()));
    const result = await checkPdf(file, { verapdf: 'verapdf-is-not-installed-here' });
    expect(result).toMatchObject({ format: 'pdf', file, findings: [] });
    // qpdf and pdfinfo belong to the environment: without them the check cannot pass.
    expect(result.passed).toBe(installed('qpdf', '--version') && installed('pdfinfo', '-v'));
    expect(names(result)).toEqual(['rijkspers', 'qpdf', 'pdfinfo', 'verapdf']);
    // The factory's letter claims PDF/UA-1 and PDF/A-2a, so both are what it gets by default.
    expect(result.tools[0]).toMatchObject({ ran: true, checked: RULES.length + PROFILES.pdfa2a.rules.length, profiles: ['pdfua1', 'pdfa2a'], tool: { name: 'rijkspers', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
    if (installed('qpdf', '--version')) expect(result.tools[1]!.tool.version).toMatch(/^\d+\.\d+/);
    if (installed('pdfinfo', '-v')) expect(result.tools[2]!.tool.version).toMatch(/^\d+\.\d+/);
    expect(result.tools[1]!.ran).toBe(installed('qpdf', '--version'));
    expect(result.tools[2]!.ran).toBe(installed('pdfinfo', '-v'));
    expect(result.tools[3]).toMatchObject({ ran: false, optional: true, error: 'verapdf-is-not-installed-here is not installed' });
  });

  it('merges veraPDF failures when veraPDF is there', async () => {
    const file = await write('good-for-verapdf.pdf', await buildPdf(goodSpec()));
    const verapdf = fakeVerapdf('verapdf-fake', VERAPDF_REPORT, 1);
    const result = await checkPdf(file, { profiles: ['pdfua1'], qpdf: false, pdfinfo: false, verapdf });
    expect(result.tools.map((t) => [t.tool.name, t.ran, t.checked, t.profiles])).toEqual([
      ['rijkspers', true, RULES.length, ['pdfua1']],
      ['verapdf', true, 106, ['pdfua1']],
    ]);
    expect(result.findings).toEqual([
      {
        tool: { name: 'verapdf' },
        rule: '7.1-3',
        severity: 'violation',
        fails: true,
        profile: 'pdfua1',
        message: 'Content shall be marked as Artifact or tagged as real content',
        count: 4,
        locations: [{ page: 2, object: 'root/document[0]/pages[1](12 0 obj PDPage)/contentStream[0]/content[3]' }],
        helpUrl: 'https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules#rule-71-3',
      },
    ]);
    expect(result.passed).toBe(false);
  });

  it('fails when an installed veraPDF gives output it cannot read', async () => {
    const file = await write('good-for-broken-verapdf.pdf', await buildPdf(goodSpec()));
    const verapdf = fakeVerapdf('verapdf-broken', 'Exception in thread "main"', 2);
    const result = await checkPdf(file, { profiles: ['pdfua1'], qpdf: false, pdfinfo: false, verapdf });
    expect(result.tools[1]).toMatchObject({ tool: { name: 'verapdf' }, ran: false });
    expect(result.tools[1]!.error).toMatch(/cannot read veraPDF output \(exit 2\)/);
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'tool-failure', rule: 'tool-failure', fails: true })]);
    expect(result.passed).toBe(false);
  });

  it('lets qpdf and poppler report a file whose cross-reference table is cut off', async () => {
    const good = await buildPdf(goodSpec());
    const cut = good.subarray(0, good.length - 300);
    const file = await write('cut.pdf', cut);
    const result = await checkPdf(file, { verapdf: false });
    // pdf-lib recovers the objects, so only PDF/A's file-structure rules see the damage (the
    // trailer with its /ID and the %%EOF are gone); the structure tools see it too.
    expect(result.tools[0]).toMatchObject({ tool: { name: 'rijkspers' }, ran: true });
    expect(result.findings.filter((v) => v.tool.name === 'rijkspers').map((f) => [f.profile, f.rule])).toEqual([
      ['pdfa2a', '6.1.3-1'],
      ['pdfa2a', '6.1.3-3'],
    ]);
    if (installed('qpdf', '--version')) {
      expect(result.findings.find((v) => v.tool.name === 'qpdf')).toMatchObject({ rule: 'qpdf-check', severity: 'violation' });
    }
    if (installed('pdfinfo', '-v')) {
      expect(result.findings.find((v) => v.tool.name === 'pdfinfo')?.message).toMatch(/trailer/);
    }
    expect(result.passed).toBe(false);
  });

  it('fails when qpdf is not installed, because it is part of the environment', async () => {
    const file = await write('good-without-qpdf.pdf', await buildPdf(goodSpec()));
    const result = await checkPdf(file, { qpdf: 'qpdf-is-not-installed-here', pdfinfo: false, verapdf: false });
    expect(result.tools[1]).toMatchObject({ tool: { name: 'qpdf' }, ran: false, error: 'qpdf-is-not-installed-here is not installed' });
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'tool-failure', message: 'qpdf-is-not-installed-here is not installed' })]);
    expect(result.passed).toBe(false);
  });

  it('reports a missing file as a checker that could not run', async () => {
    const result = await checkPdf(join(dir, 'does-not-exist.pdf'), { qpdf: false, pdfinfo: false, verapdf: false });
    expect(result.tools).toEqual([expect.objectContaining({ tool: expect.objectContaining({ name: 'rijkspers' }), ran: false })]);
    expect(result.findings.map((f) => f.severity)).toEqual(['tool-failure']);
    expect(result.tools[0]!.error).toMatch(/ENOENT/);
    expect(result.passed).toBe(false);
  });

  it('works as a session (OpenChecker)', async () => {
    const session = await openPdfChecker();
    expect(session.format).toBe('pdf');
    const file = await write('session.pdf', await buildPdf(goodSpec()));
    const result = await session.check(file);
    // Our own rules must have run: no pdfua violation from a checker that did not run is no pass.
    expect(result.tools[0]).toMatchObject({ tool: { name: 'rijkspers' }, ran: true, profiles: ['pdfua1', 'pdfa2a'] });
    expect(result.findings.filter((v) => v.tool.name === 'rijkspers')).toEqual([]);
    await session.close();
  });
});

describe('PDFs made with pdfkit', () => {
  it('an untagged pdfkit document with a standard font fails on every front', async () => {
    const bytes = await pdfkit({}, (doc) => {
      doc.text('Hallo wereld');
      doc.rect(10, 10, 50, 50).fill('#154273');
    });
    const { violations } = await checkPdfUa(bytes);
    expect([...new Set(violations.map((v) => v.rule))].sort()).toEqual(
      ['6.2-1', '7.1-10', '7.1-11', '7.1-3', '7.1-8', '7.2-34', '7.21.4.1-1'].sort(),
    );
    expect(violations.find((v) => v.rule === '7.1-3')).toMatchObject({ count: 2, message: expect.stringMatching(/text-showing.*path-painting/) });
  });

  it('a tagged pdfkit document shows pdfkit\'s known link and CIDSet gaps and nothing else', async () => {
    const bytes = await pdfkit(
      {
        pdfVersion: '1.7',
        tagged: true,
        // pdfkit 0.20 knows the PDF/UA subset; @types/pdfkit lags behind and lists only PDF/A.
        subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
        lang: 'nl-NL',
        displayTitle: true,
        info: { Title: 'Brief' },
      },
      (doc) => {
        doc.registerFont('Fira', FIRA);
        doc.font('Fira');
        const root = doc.struct('Document');
        doc.addStructure(root);
        root.add(doc.struct('H1', {}, [() => doc.text('Betreft: proef', 72, 72)]));
        root.add(doc.struct('P', {}, [() => doc.text('Zie example.org', { link: 'https://example.org' })]));
        doc.markContent('Artifact', { type: 'Pagination' });
        doc.text('Pagina 1', 400, 700);
        doc.endMarkedContent();
        root.end();
      },
    );
    const { violations } = await checkPdfUa(bytes);
    // text({link}) leaves the annotation out of the structure and writes no /Contents; the
    // PDF/UA subset's CIDSet lists the glyphs drawn but not the components fontkit's subset adds
    // for composite glyphs (':' is two periods, 'i' is dotless i + dot).
    expect(violations.map((v) => [v.rule, where(v)])).toEqual([
      ['7.18.5-1', 'page 1'],
      ['7.18.5-2', 'page 1'],
      ['7.21.4.2-2', 'page 1'],
    ]);
  });

  it('pdfkit\'s own CIDSet leaves out the components of a composite glyph (ë = e + ¨); without it the fonts pass', async () => {
    // Plain pdfkit, without rijkspers' embedWithoutCidSet (src/render/pdf/cidset.ts).
    const bytes = await pdfkit({ subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets, tagged: true, lang: 'nl-NL' }, (doc) => {
      doc.registerFont('Fira', FIRA);
      doc.font('Fira');
      doc.text('ë', 72, 72);
    });
    const fontFindings = async (pdf: Uint8Array): Promise<string[]> =>
      (await checkPdfUa(pdf)).violations.filter((f) => f.rule.startsWith('7.21')).map((f) => `${f.rule}: ${f.message}`);
    // The subset holds .notdef, ë and its two components (glyphs 2 and 3); the CIDSet has 0 and 1.
    expect(await fontFindings(bytes)).toEqual([
      expect.stringMatching(/^7\.21\.4\.2-2: font [A-Z]{6}\+FiraSans-Regular \(object \d+ 0 R\): its CIDSet leaves out CIDs 2, 3 that the font program has$/),
    ]);

    const doc = await PDFLibDocument.load(bytes, { updateMetadata: false });
    let removed = 0;
    doc.context.enumerateIndirectObjects().forEach(([, obj]) => {
      if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor') && obj.has(PDFName.of('CIDSet'))) {
        obj.delete(PDFName.of('CIDSet'));
        removed += 1;
      }
    });
    expect(removed).toBe(1);
    expect(await fontFindings(await doc.save({ useObjectStreams: false }))).toEqual([]);
  });
});

describe('veraPDF report reader', () => {
  it('reads the single-object form of validationResult', () => {
    const report = {
      report: {
        jobs: [
          {
            validationResult: {
              details: {
                passedRules: 10,
                failedRules: 2,
                ruleSummaries: [
                  { clause: '7.18.5', testNumber: 2, status: 'failed', failedChecks: 1, description: 'Links shall contain an alternate description', checks: [{ context: 'root/document[0]/pages[0]/annots[0]' }] },
                  { clause: '5', testNumber: 1, status: 'passed', failedChecks: 0 },
                  { clause: '7.1', testNumber: 10, status: 'failed', failedChecks: 1, description: 'DisplayDocTitle', checks: [{ context: 'root/document[0]' }] },
                ],
              },
            },
          },
        ],
      },
    };
    const parsed = parseVerapdfJson(JSON.stringify(report), { name: 'verapdf', version: '1.28.1' }, 'pdfua1');
    expect(parsed.checkedRules).toBe(12);
    expect(parsed.findings.map((v) => [v.rule, v.locations, v.profile])).toEqual([
      ['7.18.5-2', [{ page: 1, object: 'root/document[0]/pages[0]/annots[0]' }], 'pdfua1'],
      ['7.1-10', [{ object: 'root/document[0]' }], 'pdfua1'],
    ]);
  });

  it('refuses a report without jobs or details', () => {
    const tool = { name: 'verapdf' };
    expect(() => parseVerapdfJson('{"report":{"jobs":[]}}', tool, 'pdfua1')).toThrow(/no jobs/);
    expect(() => parseVerapdfJson('{"report":{"jobs":[{"validationResult":{}}]}}', tool, 'pdfua1')).toThrow(/no validation details/);
    expect(() => parseVerapdfJson('{"report":{"jobs":[{"taskException":{"message":"Couldn\'t parse stream"}}]}}', tool, 'pdfua1')).toThrow(/parse stream/);
  });
});

describe('tools that run out of time or crash', () => {
  it('reports a time-out as a tool failure, not as a violation of the file', async () => {
    const file = await write('good-slow-qpdf.pdf', await buildPdf(goodSpec()));
    const slow = script('qpdf-slow', 'setTimeout(() => {}, 60_000);');
    const result = await checkPdf(file, { qpdf: slow, pdfinfo: false, verapdf: false, toolTimeoutMs: 300 });
    expect(result.tools[1]).toMatchObject({ tool: { name: 'qpdf' }, ran: false, error: `${slow} ran out of time (0 s)` });
    expect(result.findings).toEqual([expect.objectContaining({ tool: { name: 'qpdf' }, rule: 'tool-failure', severity: 'tool-failure', fails: true })]);
    expect(result.findings.some((f) => f.severity === 'violation')).toBe(false);
    expect(result.passed).toBe(false);
  });

  it('reports a crash (killed by a signal) as a tool failure', async () => {
    const file = await write('good-crashing-pdfinfo.pdf', await buildPdf(goodSpec()));
    const crashing = script('pdfinfo-crash', "process.kill(process.pid, 'SIGSEGV');");
    const result = await checkPdf(file, { qpdf: false, pdfinfo: crashing, verapdf: false });
    expect(result.findings).toEqual([expect.objectContaining({ tool: { name: 'pdfinfo' }, severity: 'tool-failure', message: `${crashing} crashed (SIGSEGV)` })]);
    expect(result.passed).toBe(false);
  });

  it('gives a tool more time for a bigger document', () => {
    expect(timeLimitMs(100_000, 2)).toBeGreaterThanOrEqual(60_000);
    // A 2,000-question letter: 365 pages, 2.7 MB; poppler needs some 450 s for it with an output intent.
    expect(timeLimitMs(2_731_576, 365)).toBeGreaterThan(2 * 450_000);
  });
});

/** A ten-page letter: 28 tagged paragraphs a page, running header and page number as artifacts. */
function tenPageLetter(): DocSpec {
  const spec = goodSpec();
  const pages: DocSpec['pages'] = [];
  const kids: ElemSpec[] = [{ type: 'H1', kids: [{ mcid: 0, page: 0 }] }];
  for (let p = 0; p < 10; p += 1) {
    const lines = [artifact(show(`Pagina ${p + 1} van 10`, 480, 30, 8)), artifact(show('Ministerie van Voorbeelden', 400, 810, 7), 'Layout')];
    let mcid = 0;
    if (p === 0) lines.push(tagged('H1', mcid++, show('Betreft: een lange brief', 72, 780, 14)));
    for (let i = 0; mcid < 29; i += 1) {
      lines.push(tagged('P', mcid, show(`Regel ${i + 1} van pagina ${p + 1}, met wat gewone tekst erin zoals in een brief.`, 72, 750 - i * 24)));
      kids.push({ type: 'P', kids: [{ mcid, page: p }] });
      mcid += 1;
    }
    pages.push({ content: lines.join('\n') });
  }
  spec.pages = pages;
  spec.structure = [{ type: 'Document', kids }];
  spec.namedDests = {};
  spec.roleMap = {};
  return spec;
}

describe('pdfinfo without the output intent (poppler 22.12 is slow with one)', () => {
  it('hands pdfinfo a same-length copy without /OutputIntents, and removes it afterwards', async () => {
    const file = await write('with-intent.pdf', await buildPdf(goodSpec()));
    const original = readFileSync(file);
    let seen = '';
    const copy = await withoutOutputIntents(file, async (path) => {
      const bytes = readFileSync(path);
      expect(bytes.length).toBe(original.length);
      expect(bytes.includes('/OutputIntents')).toBe(false);
      expect(bytes.includes('/RPNoIntents__')).toBe(true);
      seen = path;
      return path;
    });
    expect(copy).not.toBe(file);
    expect(existsSync(seen)).toBe(false);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('hands over a file without output intent as it is', async () => {
    const spec = goodSpec();
    spec.outputIntent = null;
    const file = await write('without-intent.pdf', await buildPdf(spec));
    expect(await withoutOutputIntents(file, async (path) => path)).toBe(file);
  });
});

describe('a longer letter', () => {
  it('passes a ten-page letter, with every page\'s content tagged or an artifact', async () => {
    const own = await checkOwnRules(await buildPdf(tenPageLetter()), ['pdfua1']);
    expect(own.findings).toEqual([]);
  });
});
