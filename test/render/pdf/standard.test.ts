/**
 * Which standards our PDF claims (`options.pdfStandard`): by default PDF/A-2a and PDF/UA-1
 * together, with the XMP and sRGB output intent that takes; `ua1` claims PDF/UA-1 only;
 * `a3a-ua1` attaches the letter's source as an associated file with a description. Each passes
 * our own rules for what it claims, and stays byte-reproducible.
 */
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOwnRules } from '../../../src/check/pdf/index.js';
import { streamBytes } from '../../../src/check/pdf/pdf-objects.js';
import { readIccHeader } from '../../../src/check/pdf/rules/pdfa/colour.js';
import { readXmp, type XmpFacts } from '../../../src/check/pdf/xmp.js';
import { letterMetadata } from '../../../src/model/metadata.js';
import { parseLetterFile } from '../../../src/readers/word-text/parse-letter.js';
import { renderPdf, type PdfStandard } from '../../../src/render/pdf/index.js';
import { loadTheme } from '../../../src/render/theme.js';
import type { RenderInput } from '../../../src/render/types.js';

const SAMPLE = 'input/ocw-kamerbrief-leesvaardigheid.txt';
let input: RenderInput;

beforeAll(async () => {
  const { letter } = await parseLetterFile(SAMPLE);
  const theme = loadTheme();
  input = { letter, meta: letterMetadata(letter, theme.t, { checked: false }), theme };
});

const SOURCE = { name: 'ocw-kamerbrief-leesvaardigheid.txt', bytes: new Uint8Array(readFileSync(SAMPLE)), description: 'Brontekst van deze brief (platte tekst, UTF-8)' };

async function render(pdfStandard: PdfStandard): Promise<Uint8Array> {
  return (await renderPdf({ ...input, options: { pdfStandard, ...(pdfStandard === 'a3a-ua1' ? { source: SOURCE } : {}) } })).bytes;
}

async function catalogOf(bytes: Uint8Array): Promise<{ doc: PDFDocument; lookup: (obj: PDFObject | undefined) => PDFObject | undefined }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { doc, lookup: (obj) => (obj ? doc.context.lookup(obj) : undefined) };
}

const textOf = (obj: PDFObject | undefined): string | undefined => (obj instanceof PDFString || obj instanceof PDFHexString ? obj.decodeText() : undefined);

async function xmpOf(bytes: Uint8Array): Promise<XmpFacts> {
  const { doc } = await catalogOf(bytes);
  return readXmp(streamBytes(doc.catalog.lookup(PDFName.of('Metadata'), PDFStream)));
}

describe('the default: PDF/A-2a and PDF/UA-1', () => {
  it('is what a PDF without options claims: the same bytes as a2a-ua1', async () => {
    const plain = (await renderPdf(input)).bytes;
    expect(Buffer.from(plain).equals(Buffer.from(await render('a2a-ua1')))).toBe(true);
  });

  it('has XMP that parses and holds pdfaid 2 A, pdfuaid 1 and the extension schema describing pdfuaid', async () => {
    const xmp = await xmpOf(await render('a2a-ua1'));
    expect(xmp.error).toBeUndefined();
    expect(xmp).toMatchObject({ pdfaPart: '2', pdfaConformance: 'A', uaPart: '1', pdfaidPrefixes: ['pdfaid'], title: 'Aanpak leesvaardigheid in het funderend onderwijs' });
    expect(xmp.extensionProperties.get('http://www.aiim.org/pdfua/ns/id/')).toEqual(new Set(['part']));
  });

  it('has an sRGB output intent whose ICC profile header says RGB, monitor class, version 2', async () => {
    const { doc } = await catalogOf(await render('a2a-ua1'));
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const header = readIccHeader(streamBytes(intent.lookup(PDFName.of('DestOutputProfile'), PDFStream)));
    expect(header).toMatchObject({ colourSpace: 'RGB ', deviceClass: 'mntr', major: 2 });
  });

  it('passes our PDF/UA-1 and PDF/A-2a rules, which it gets by default from what it claims', async () => {
    const own = await checkOwnRules(await render('a2a-ua1'));
    expect(own.profiles).toEqual(['pdfua1', 'pdfa2a']);
    expect(own.findings.map((f) => `${f.profile} ${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('is byte-reproducible', async () => {
    expect(Buffer.from(await render('a2a-ua1')).equals(Buffer.from(await render('a2a-ua1')))).toBe(true);
  });

  it('leaves characters XML forbids out of the metadata, so the XMP stays well-formed (issue 7)', async () => {
    const meta = { ...input.meta, title: 'Aanpak\ufffe leesvaardigheid\uffff' };
    const bytes = (await renderPdf({ ...input, meta })).bytes;
    const xmp = await xmpOf(bytes);
    expect(xmp.error).toBeUndefined();
    expect(xmp.title).toBe('Aanpak leesvaardigheid');
    expect((await checkOwnRules(bytes)).findings).toEqual([]);
  });
});

describe('ua1: PDF/UA-1 only', () => {
  it('claims no PDF/A and has no output intent, and passes PDF/UA-1', async () => {
    const bytes = await render('ua1');
    const xmp = await xmpOf(bytes);
    expect(xmp).toMatchObject({ uaPart: '1' });
    expect(xmp.pdfaPart).toBeUndefined();
    const { doc } = await catalogOf(bytes);
    expect(doc.catalog.get(PDFName.of('OutputIntents'))).toBeUndefined();
    const own = await checkOwnRules(bytes);
    expect(own.profiles).toEqual(['pdfua1']);
    expect(own.findings).toEqual([]);
  });
});

describe('a3a-ua1: PDF/A-3a with the source attached', () => {
  it('attaches the source as the document\'s associated file, with a description', async () => {
    const bytes = await render('a3a-ua1');
    const { doc, lookup } = await catalogOf(bytes);
    const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray);
    expect(af.size()).toBe(1);
    const spec = af.lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Source'));
    expect(textOf(lookup(spec.get(PDFName.of('UF'))))).toBe(SOURCE.name);
    expect(textOf(lookup(spec.get(PDFName.of('Desc'))))).toBe(SOURCE.description);
    const file = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream);
    expect(file.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('text/plain'));
    expect(Buffer.from(streamBytes(file)).equals(Buffer.from(SOURCE.bytes))).toBe(true);
    expect(await xmpOf(bytes)).toMatchObject({ pdfaPart: '3', pdfaConformance: 'A', uaPart: '1' });
  });

  it('passes PDF/UA-1, embedded-file rules included, and is byte-reproducible', async () => {
    const bytes = await render('a3a-ua1');
    const own = await checkOwnRules(bytes, ['pdfua1']);
    expect(own.findings).toEqual([]);
    expect(Buffer.from(bytes).equals(Buffer.from(await render('a3a-ua1')))).toBe(true);
  });

  it('refuses to render without the source', async () => {
    await expect(renderPdf({ ...input, options: { pdfStandard: 'a3a-ua1' } })).rejects.toThrow(/PDF\/A-3a needs the letter's source file/);
  });
});
