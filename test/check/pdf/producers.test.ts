/**
 * Our PDF/UA-1 and PDF/A-2 rules on PDFs written by other tools (test/fixtures/pdf/producers):
 * what they really lack, so the rules are seen to judge files we did not make.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOwnRules, type PdfProfile } from '../../../src/check/pdf/index.js';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'producers');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

async function rules(name: string, profile: PdfProfile): Promise<string[]> {
  const own = await checkOwnRules(bytes(name), [profile]);
  return [...new Set(own.findings.map((f) => f.rule))].sort();
}

describe('Chromium (print to PDF)', () => {
  it('claims no standard, so it gets PDF/UA-1 only by default', async () => {
    expect((await checkOwnRules(bytes('chromium.pdf'))).profiles).toEqual(['pdfua1']);
  });

  it('is no PDF/A: no metadata, no file ID, DeviceRGB and transparency without an output intent', async () => {
    expect(await rules('chromium.pdf', 'pdfa2a')).toEqual(['6.1.3-1', '6.2.10-2', '6.2.4.3-2', '6.6.2.1-1']);
  });

  it('is tagged, but not PDF/UA: no XMP, list items with a NonStruct, empty labels, a link without /Contents', async () => {
    expect(await rules('chromium.pdf', 'pdfua1')).toEqual(['7.1-8', '7.18.5-2', '7.2-20', 'RP-empty-text']);
  });
});

describe('WeasyPrint 57 --pdf-variant pdf/a-2b', () => {
  it('claims PDF/A-2b and gets PDF/A-2b checked', async () => {
    expect((await checkOwnRules(bytes('weasyprint-pdfa2b.pdf'))).profiles).toEqual(['pdfua1', 'pdfa2b']);
  });

  it('passes the B rules but for the file ID it leaves out of the trailer', async () => {
    expect(await rules('weasyprint-pdfa2b.pdf', 'pdfa2b')).toEqual(['6.1.3-1']);
  });

  it('fails the level A rules: conformance B, no MarkInfo, no structure tree', async () => {
    expect(await rules('weasyprint-pdfa2b.pdf', 'pdfa2a')).toEqual(['6.1.3-1', '6.6.4-3', '6.7.2.2-1', '6.7.3.3-1']);
  });
});

describe('WeasyPrint 57 --pdf-variant pdf/ua-1', () => {
  it('passes our PDF/UA-1 rules', async () => {
    expect(await rules('weasyprint-pdfua1.pdf', 'pdfua1')).toEqual([]);
  });

  it('is no PDF/A: no ID, no output intent, a link flagged Hidden instead of Print, pdfuaid undescribed, no pdfaid', async () => {
    expect(await rules('weasyprint-pdfua1.pdf', 'pdfa2a')).toEqual(['6.1.3-1', '6.2.10-2', '6.2.4.3-2', '6.3.2-2', '6.6.2.3.1-1', '6.6.4-1']);
  });
});
