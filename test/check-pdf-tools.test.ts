/**
 * The PDF checker as the pipeline uses it: `checkPdf(file)` with qpdf, pdfinfo and veraPDF around
 * our own rules, on PDFs made by pdfkit (untagged and tagged) and by the test factory; plus speed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument as PDFLibDocument, PDFName } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPdf, checkPdfUa, openPdfChecker, RULES } from '../src/check/pdf/index.js';
import { parseVerapdfJson } from '../src/check/pdf/verapdf-report.js';
import { artifact, buildPdf, goodSpec, show, tagged, type DocSpec, type ElemSpec } from './check-pdf-factory.js';

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
    expect(result).toMatchObject({ format: 'pdf', file, violations: [] });
    // qpdf and pdfinfo belong to the environment: without them the check cannot pass.
    expect(result.passed).toBe(installed('qpdf', '--version') && installed('pdfinfo', '-v'));
    expect(result.tools.map((t) => t.tool)).toEqual(['pdfua', 'qpdf', 'pdfinfo', 'verapdf']);
    expect(result.tools[0]).toMatchObject({ ran: true, checked: RULES.length });
    expect(result.tools[1]!.ran).toBe(installed('qpdf', '--version'));
    expect(result.tools[2]!.ran).toBe(installed('pdfinfo', '-v'));
    expect(result.tools[3]).toMatchObject({ ran: false, error: 'verapdf-is-not-installed-here is not installed' });
  });

  it('merges veraPDF failures when veraPDF is there', async () => {
    const file = await write('good-for-verapdf.pdf', await buildPdf(goodSpec()));
    const verapdf = fakeVerapdf('verapdf-fake', VERAPDF_REPORT, 1);
    const result = await checkPdf(file, { qpdf: false, pdfinfo: false, verapdf });
    expect(result.tools.map((t) => [t.tool, t.ran, t.checked])).toEqual([
      ['pdfua', true, RULES.length],
      ['verapdf', true, 106],
    ]);
    expect(result.violations).toEqual([
      {
        tool: 'verapdf',
        rule: '7.1-3',
        severity: 'error',
        message: 'Content shall be marked as Artifact or tagged as real content (4 failed checks)',
        location: 'page 2',
        helpUrl: 'https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules#rule-71-3',
      },
    ]);
    expect(result.passed).toBe(false);
  });

  it('fails when an installed veraPDF gives output it cannot read', async () => {
    const file = await write('good-for-broken-verapdf.pdf', await buildPdf(goodSpec()));
    const verapdf = fakeVerapdf('verapdf-broken', 'Exception in thread "main"', 2);
    const result = await checkPdf(file, { qpdf: false, pdfinfo: false, verapdf });
    expect(result.violations).toEqual([]);
    expect(result.tools[1]).toMatchObject({ tool: 'verapdf', ran: false });
    expect(result.tools[1]!.error).toMatch(/cannot read veraPDF output \(exit 2\)/);
    expect(result.passed).toBe(false);
  });

  it('lets qpdf and poppler report a file whose cross-reference table is cut off', async () => {
    const good = await buildPdf(goodSpec());
    const cut = good.subarray(0, good.length - 300);
    const file = await write('cut.pdf', cut);
    const result = await checkPdf(file, { verapdf: false });
    // pdf-lib recovers the objects, so our own rules pass; the structure tools see the damage.
    expect(result.tools[0]).toMatchObject({ tool: 'pdfua', ran: true });
    expect(result.violations.filter((v) => v.tool === 'pdfua')).toEqual([]);
    if (installed('qpdf', '--version')) {
      expect(result.violations.find((v) => v.tool === 'qpdf')).toMatchObject({ rule: 'qpdf-check', severity: 'error' });
    }
    if (installed('pdfinfo', '-v')) {
      expect(result.violations.find((v) => v.tool === 'pdfinfo')?.message).toMatch(/trailer/);
    }
    expect(result.passed).toBe(false);
  });

  it('fails when qpdf is not installed, because it is part of the environment', async () => {
    const file = await write('good-without-qpdf.pdf', await buildPdf(goodSpec()));
    const result = await checkPdf(file, { qpdf: 'qpdf-is-not-installed-here', pdfinfo: false, verapdf: false });
    expect(result.violations).toEqual([]);
    expect(result.tools[1]).toMatchObject({ tool: 'qpdf', ran: false, error: 'qpdf-is-not-installed-here is not installed' });
    expect(result.passed).toBe(false);
  });

  it('reports a missing file as a checker that could not run', async () => {
    const result = await checkPdf(join(dir, 'does-not-exist.pdf'), { qpdf: false, pdfinfo: false, verapdf: false });
    expect(result.tools).toEqual([expect.objectContaining({ tool: 'pdfua', ran: false })]);
    expect(result.tools[0]!.error).toMatch(/ENOENT/);
    expect(result.passed).toBe(false);
  });

  it('works as a session (OpenChecker)', async () => {
    const session = await openPdfChecker();
    expect(session.format).toBe('pdf');
    const file = await write('session.pdf', await buildPdf(goodSpec()));
    const result = await session.check(file);
    // Our own rules must have run: no pdfua violation from a checker that did not run is no pass.
    expect(result.tools[0]).toMatchObject({ tool: 'pdfua', ran: true, checked: RULES.length });
    expect(result.violations.filter((v) => v.tool === 'pdfua')).toEqual([]);
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
    expect(violations.find((v) => v.rule === '7.1-3')!.message).toMatch(/text-showing.*path-painting.*\(2 occurrences\)/);
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
    expect(violations.map((v) => [v.rule, v.location])).toEqual([
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
      (await checkPdfUa(pdf)).findings.filter((f) => f.rule.startsWith('7.21')).map((f) => `${f.rule}: ${f.message}`);
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
    const parsed = parseVerapdfJson(JSON.stringify(report));
    expect(parsed.checkedRules).toBe(12);
    expect(parsed.violations.map((v) => [v.rule, v.location])).toEqual([
      ['7.18.5-2', 'page 1'],
      ['7.1-10', 'root/document[0]'],
    ]);
  });

  it('refuses a report without jobs or details', () => {
    expect(() => parseVerapdfJson('{"report":{"jobs":[]}}')).toThrow(/no jobs/);
    expect(() => parseVerapdfJson('{"report":{"jobs":[{"validationResult":{}}]}}')).toThrow(/no validation details/);
    expect(() => parseVerapdfJson('{"report":{"jobs":[{"taskException":{"message":"Couldn\'t parse stream"}}]}}')).toThrow(/parse stream/);
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

describe('speed', () => {
  it('checks a ten-page letter in well under a second', async () => {
    const bytes = await buildPdf(tenPageLetter());
    await checkPdfUa(bytes); // warm-up: module loading and JIT are not the checker's cost
    // Best of three: other test files share the CPU, and only our own cost should count.
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const report = await checkPdfUa(bytes);
      best = Math.min(best, performance.now() - started);
      expect(report.violations).toEqual([]);
    }
    expect(best).toBeLessThan(1000);
  });
});
