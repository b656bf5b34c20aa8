/**
 * Every rule of our PDF/A-2 profile, seen to fail: the factory's good letter (tagged, sRGB output
 * intent, pdfaid 2A with the pdfuaid extension schema) passes PDF/A-2a, and each case breaks one
 * thing and must get exactly the listed rule ids under `pdfa2a` (a cascade, where one defect
 * necessarily breaks several rules, is listed in full). Rules PDF/A-2 shares with PDF/UA-1 fail
 * under each profile's own id.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkOwnRules, PROFILES } from '../../../src/check/pdf/index.js';
import { PDFA2_RULES } from '../../../src/check/pdf/rules/pdfa/index.js';
import { artifact, buildPdf, find, FIRA_GLYPH_COUNT, goodSpec, show, SRGB_ICC, xmp, type Built, type DocSpec } from '../../support/pdf-factory.js';
import { cidFontOf, range, shiftWidth, subsetWithCidSet } from '../../support/pdf-mutations.js';

interface Case {
  name: string;
  rules: string[];
  edit?: (spec: DocSpec) => void;
  /** Damage to the written bytes. */
  bytes?: (good: Uint8Array) => Uint8Array;
}

const addToPage = (s: DocSpec, page: number, content: string): void => {
  s.pages[page]!.content += `\n${content}`;
};
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
/** Mutations compose: a case may add its own after another helper's. */
const mutate = (s: DocSpec, f: (b: Built) => void): void => {
  const before = s.mutate;
  s.mutate = (b) => {
    before?.(b);
    f(b);
  };
};

/** The letter without explicit device colours: the blue band's `rg` and the DeviceGray image go. */
const deviceFree = (s: DocSpec): void => {
  s.pages[0]!.content = s.pages[0]!.content.replace('0.08 0.26 0.45 rg ', '').replace('q 50 0 0 40 72 560 cm /Im1 Do Q', '');
};
/** An ICC profile whose header bytes at `offset` say `text` instead. */
const iccWith = (offset: number, text: string): Uint8Array => {
  const bytes = new Uint8Array(SRGB_ICC);
  bytes.set(new TextEncoder().encode(text), offset);
  return bytes;
};
const replaceProfile = (b: Built, profile: Uint8Array): void => {
  const intent = b.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
  intent.set(PDFName.of('DestOutputProfile'), b.context.register(b.context.stream(profile, { N: 3 })));
};
const pageResources = (b: Built, page = 0): PDFDict => b.pages[page]!.lookup(PDFName.of('Resources'), PDFDict);
const withExtGState = (b: Built, gs: Record<string, unknown>): void => {
  pageResources(b).set(PDFName.of('ExtGState'), b.context.obj({ GS1: b.context.obj(gs as never) }));
};
const annotation = (b: Built, id: string): PDFDict => b.annots.get(id)!;
/** A Text (sticky note) annotation on page 1, with an appearance stream unless told otherwise. */
const textAnnotation = (b: Built, extra: Record<string, unknown> = {}, appearance = true): void => {
  const annots = b.pages[0]!.lookup(PDFName.of('Annots'), PDFArray);
  const ap = b.context.register(b.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
  annots.push(
    b.context.register(
      b.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 20, 20], Contents: PDFString.of('Notitie'), F: 28, ...(appearance ? { AP: { N: ap } } : {}), ...extra } as never),
    ),
  );
};

const CASES: Case[] = [
  // ------------------------------------------------------------ file structure
  { name: 'a PDF header and nothing readable after it', rules: ['RP-unreadable', '6.1.2-2', '6.1.3-3'], bytes: () => fromLatin1('%PDF-1.7\nhello, this is no PDF\n') },
  { name: 'header %PDF-1.8', rules: ['6.1.2-1'], bytes: (good) => fromLatin1(latin1(good).replace('%PDF-1.7', '%PDF-1.8')) },
  {
    name: 'second line without bytes above 127',
    rules: ['6.1.2-2'],
    bytes: (good) => {
      const out = new Uint8Array(good);
      const at = latin1(good).indexOf('\n') + 2;
      out.set(fromLatin1('abcd'), at);
      return out;
    },
  },
  { name: 'no trailer /ID', rules: ['6.1.3-1'], edit: (s) => { s.fileId = false; } },
  // Document rules do not run on an encrypted file: its strings read as noise.
  { name: 'encrypted', rules: ['6.1.3-2'], edit: (s) => { s.encrypt = true; } },
  { name: 'data after %%EOF', rules: ['6.1.3-3'], bytes: (good) => fromLatin1(`${latin1(good)}% appended by a careless tool\n`) },
  { name: 'a single line end after %%EOF is allowed', rules: [], bytes: (good) => fromLatin1(`${latin1(good).replace(/\s*$/, '')}\r\n`) },
  {
    name: 'stream data in an external file (/F)',
    rules: ['6.1.7.1-3'],
    edit: (s) => mutate(s, (b) => { b.context.register(b.context.stream('', { F: PDFString.of('extern.dat'), Length: 0 })); }),
  },
  {
    name: 'LZW-compressed stream',
    rules: ['6.1.7.2-1'],
    edit: (s) => mutate(s, (b) => { b.context.register(b.context.stream(new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22]), { Filter: 'LZWDecode' })); }),
  },
  {
    name: 'Crypt filter with the Identity crypt filter is allowed',
    rules: [],
    edit: (s) => mutate(s, (b) => { b.context.register(b.context.stream('x', { Filter: 'Crypt', DecodeParms: { Name: 'Identity' } })); }),
  },

  // ------------------------------------------------------------ colour
  { name: 'output profile of a scanner (scnr)', rules: ['6.2.3-1'], edit: (s) => mutate(s, (b) => replaceProfile(b, iccWith(12, 'scnr'))) },
  { name: 'output profile of ICC version 5', rules: ['6.2.3-1'], edit: (s) => mutate(s, (b) => replaceProfile(b, iccWith(8, '\u0005'))) },
  {
    name: 'two output intents with different profile objects',
    rules: ['6.2.3-2'],
    edit: (s) =>
      mutate(s, (b) => {
        const intents = b.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
        const profile = b.context.register(b.context.stream(SRGB_ICC, { N: 3 }));
        intents.push(b.context.obj({ Type: 'OutputIntent', S: 'GTS_PDFX', OutputConditionIdentifier: PDFString.of('sRGB'), DestOutputProfile: profile }));
      }),
  },
  { name: 'DeviceRGB without an output intent', rules: ['6.2.4.3-2'], edit: (s) => { s.outputIntent = null; deviceFree(s); addToPage(s, 0, artifact('0 0 1 rg 10 10 5 5 re f')); } },
  { name: 'DeviceRGB with a grey output profile', rules: ['6.2.4.3-2'], edit: (s) => mutate(s, (b) => replaceProfile(b, iccWith(16, 'GRAY'))) },
  { name: 'DeviceCMYK with an RGB output profile', rules: ['6.2.4.3-3'], edit: (s) => addToPage(s, 0, artifact('0 0 0 1 k 10 10 5 5 re f')) },
  { name: 'DeviceGray without an output intent', rules: ['6.2.4.3-4'], edit: (s) => { s.outputIntent = null; deviceFree(s); addToPage(s, 0, artifact('0.5 g 10 10 5 5 re f')); } },
  { name: 'no output intent and no device colour is fine', rules: [], edit: (s) => { s.outputIntent = null; deviceFree(s); } },
  { name: 'a blend mode ISO 32000-1 does not define', rules: ['6.2.10-1'], edit: (s) => mutate(s, (b) => withExtGState(b, { BM: PDFName.of('Glow') })) },
  {
    name: 'transparency without output intent or blending colour space',
    rules: ['6.2.10-2'],
    edit: (s) => { s.outputIntent = null; deviceFree(s); mutate(s, (b) => withExtGState(b, { ca: 0.5 })); },
  },
  {
    name: 'transparency with a page group colour space is fine',
    rules: [],
    edit: (s) => {
      s.outputIntent = null;
      deviceFree(s);
      mutate(s, (b) => {
        withExtGState(b, { ca: 0.5 });
        b.pages[0]!.set(PDFName.of('Group'), b.context.obj({ S: 'Transparency', CS: 'DeviceRGB' }));
      });
    },
  },

  // ------------------------------------------------------------ fonts
  {
    name: 'embedded CIDFontType2 without CIDToGIDMap',
    rules: ['6.2.11.3.2-1'],
    edit: (s) => mutate(s, (b) => cidFontOf(b).delete(PDFName.of('CIDToGIDMap'))),
  },
  { name: 'Helvetica, not embedded', rules: ['6.2.11.4.1-1'], edit: (s) => { s.helvetica = true; addToPage(s, 0, artifact(show('Rijkspers', 10, 10, 8, 'F2'))); } },
  { name: 'a glyph the font does not have', rules: ['6.2.11.4.1-2', '6.2.11.7-1'], edit: (s) => addToPage(s, 0, artifact('BT /F1 10 Tf 10 10 Td <FFF0> Tj ET')) },
  {
    name: 'Type 1 subset whose CharSet leaves out a glyph',
    rules: ['6.2.11.4.2-1'],
    edit: (s) => { s.type1 = { glyphs: ['A', 'B', 'C'], charSet: '/A/B' }; addToPage(s, 0, artifact('BT /F4 8 Tf 10 10 Td (AB) Tj ET')); },
  },
  { name: 'subset CIDSet missing a glyph', rules: ['6.2.11.4.2-2'], edit: (s) => mutate(s, (b) => subsetWithCidSet(b, range(0, FIRA_GLYPH_COUNT).filter((c) => c !== 7))) },
  { name: '/W width 50 units off', rules: ['6.2.11.5-1'], edit: (s) => mutate(s, (b) => shiftWidth(b, 'B', 50)) },
  { name: 'no ToUnicode', rules: ['6.2.11.7-1'], edit: (s) => { s.toUnicode = 'none'; } },
  { name: 'ToUnicode to U+0000', rules: ['6.2.11.7-2'], edit: (s) => { s.toUnicode = { zeroChar: 'e' }; } },
  { name: 'text shows .notdef', rules: ['6.2.11.8-1', '6.2.11.7-1'], edit: (s) => addToPage(s, 0, artifact('BT /F1 10 Tf 10 10 Td <0000> Tj ET')) },

  // ------------------------------------------------------------ annotations
  // A link turned 3D loses the Link exemption from appearance streams too.
  { name: 'a 3D annotation', rules: ['6.3.1-1', '6.3.3-1'], edit: (s) => mutate(s, (b) => annotation(b, 'web').set(PDFName.of('Subtype'), PDFName.of('3D'))) },
  { name: 'a link without /F', rules: ['6.3.2-1'], edit: (s) => mutate(s, (b) => annotation(b, 'web').delete(PDFName.of('F'))) },
  { name: 'a link that does not print', rules: ['6.3.2-2'], edit: (s) => { s.pages[0]!.annots![0]!.flags = 0; } },
  { name: 'a hidden, printing link', rules: ['6.3.2-2'], edit: (s) => { s.pages[0]!.annots![0]!.flags = 4 | 2; } },
  { name: 'a Text annotation without appearance', rules: ['6.3.3-1'], edit: (s) => mutate(s, (b) => textAnnotation(b, {}, false)) },
  { name: 'a Text annotation with appearance is fine', rules: [], edit: (s) => mutate(s, (b) => textAnnotation(b)) },
  {
    name: 'an appearance dictionary with /D besides /N',
    rules: ['6.3.3-2'],
    edit: (s) =>
      mutate(s, (b) => {
        const ap = b.context.register(b.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
        annotation(b, 'web').set(PDFName.of('AP'), b.context.obj({ N: ap, D: ap }));
      }),
  },

  // ------------------------------------------------------------ actions
  {
    name: 'JavaScript behind a link',
    rules: ['6.5.1-1'],
    edit: (s) => mutate(s, (b) => annotation(b, 'web').set(PDFName.of('A'), b.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }))),
  },
  {
    name: 'a JavaScript name tree',
    rules: ['6.5.1-1'],
    edit: (s) =>
      mutate(s, (b) => {
        const names = b.catalog.lookup(PDFName.of('Names'), PDFDict);
        const js = b.context.obj({ S: 'JavaScript', JS: PDFString.of('this.print()') });
        names.set(PDFName.of('JavaScript'), b.context.obj({ Names: [PDFString.of('init'), b.context.register(js)] }));
      }),
  },
  {
    name: 'a Launch action after a URI action (/Next)',
    rules: ['6.5.1-1'],
    edit: (s) =>
      mutate(s, (b) => {
        const link = annotation(b, 'web');
        const launch = b.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') });
        link.set(PDFName.of('A'), b.context.obj({ S: 'URI', URI: PDFString.of('https://example.org'), Next: launch }));
      }),
  },
  {
    name: 'a named action other than page navigation',
    rules: ['6.5.1-2'],
    edit: (s) => mutate(s, (b) => b.catalog.set(PDFName.of('OpenAction'), b.context.obj({ S: 'Named', N: 'Print' }))),
  },
  { name: 'catalog /AA', rules: ['6.5.2-1'], edit: (s) => mutate(s, (b) => b.catalog.set(PDFName.of('AA'), b.context.obj({}))) },
  { name: 'page /AA', rules: ['6.5.2-2'], edit: (s) => mutate(s, (b) => b.pages[1]!.set(PDFName.of('AA'), b.context.obj({}))) },

  // ------------------------------------------------------------ metadata
  { name: 'no metadata stream', rules: ['6.6.2.1-1'], edit: (s) => { s.xmp = null; } },
  {
    name: 'metadata stream with /Subtype /Text',
    rules: ['6.6.2.1-1'],
    edit: (s) => mutate(s, (b) => b.catalog.lookup(PDFName.of('Metadata'), PDFStream).dict.set(PDFName.of('Subtype'), PDFName.of('Text'))),
  },
  { name: 'xpacket header with bytes', rules: ['6.6.2.1-2'], edit: (s) => { s.xmp = xmp().replace('id="W5M0', 'bytes="1200" id="W5M0'); } },
  { name: 'xpacket header with encoding', rules: ['6.6.2.1-3'], edit: (s) => { s.xmp = xmp().replace('id="W5M0', 'encoding="UTF-8" id="W5M0'); } },
  { name: 'U+FFFE in the title (issue 7)', rules: ['6.6.2.1-4'], edit: (s) => { s.xmp = xmp({ title: 'Brief \ufffe' }); } },
  { name: 'an unescaped & in the title', rules: ['6.6.2.1-4'], edit: (s) => { s.xmp = xmp({ title: 'Kosten & baten' }); } },
  { name: 'pdfuaid without extension schema', rules: ['6.6.2.3.1-1'], edit: (s) => { s.xmp = xmp({ extension: false }); } },
  { name: 'an unknown dc property', rules: ['6.6.2.3.1-1'], edit: (s) => { s.xmp = xmp().replace('<pdfaid:part>', '<dc:colour>blauw</dc:colour><pdfaid:part>'); } },
  { name: 'no PDF/A identification', rules: ['6.6.4-1'], edit: (s) => { s.xmp = xmp({ pdfa: null }); } },
  { name: 'pdfaid:part 3', rules: ['6.6.4-2'], edit: (s) => { s.xmp = xmp({ pdfa: { part: '3', conformance: 'A' } }); } },
  { name: 'pdfaid:conformance B checked as 2a', rules: ['6.6.4-3'], edit: (s) => { s.xmp = xmp({ pdfa: { part: '2', conformance: 'B' } }); } },
  { name: 'no pdfaid:conformance', rules: ['6.6.4-3'], edit: (s) => { s.xmp = xmp({ pdfa: { part: '2', conformance: null } }); } },
  {
    name: 'pdfaid under another prefix',
    rules: ['6.6.4-4'],
    edit: (s) => { s.xmp = xmp().replace('xmlns:pdfaid=', 'xmlns:id=').replace(/pdfaid:/g, 'id:'); },
  },
  {
    name: 'Info /Title that differs from dc:title',
    rules: ['RP-info-xmp'],
    edit: (s) => mutate(s, (b) => { b.context.trailerInfo.Info = b.context.register(b.context.obj({ Title: PDFString.of('Andere titel') })); }),
  },
  {
    name: 'Info dates equal to the XMP dates in another time zone are fine',
    rules: [],
    edit: (s) => {
      s.xmp = xmp().replace('<pdfaid:part>', '<xmp:CreateDate xmlns:xmp="http://ns.adobe.com/xap/1.0/">2026-03-01T11:00:00+02:00</xmp:CreateDate><pdfaid:part>');
      mutate(s, (b) => { b.context.trailerInfo.Info = b.context.register(b.context.obj({ CreationDate: PDFString.of("D:20260301090000Z"), Title: PDFHexString.fromText('Toegankelijke brief') })); });
    },
  },

  // ------------------------------------------------------------ embedded files
  { name: 'an embedded text file (PDF/A-2 embeds only PDF/A)', rules: ['6.8-1'], edit: (s) => { s.embeddedFile = { bytes: 'Geachte voorzitter,', F: 'brief.txt', UF: 'brief.txt', Desc: 'Brontekst' }; } },
  { name: 'an embedded PDF without /UF', rules: ['6.8-2'], edit: (s) => { s.embeddedFile = { bytes: '%PDF-1.7\n%%EOF\n', F: 'bijlage.pdf', Desc: 'Bijlage' }; } },

  // ------------------------------------------------------------ logical structure (level A)
  { name: 'no MarkInfo', rules: ['6.7.2.2-1'], edit: (s) => { s.markInfo = null; } },
  { name: 'no structure tree', rules: ['6.7.3.3-1'], edit: (s) => { s.structTree = false; } },
  { name: 'non-standard type without RoleMap', rules: ['6.7.3-2'], edit: (s) => { find(s, 'p3').type = 'Alinea2'; } },
  { name: 'circular RoleMap', rules: ['6.7.3-3'], edit: (s) => { s.roleMap = { ...s.roleMap, Kader: 'Blok', Blok: 'Kader' }; find(s, 'p3').type = 'Kader'; } },
  { name: 'catalog Lang nl_NL', rules: ['6.7.4-1'], edit: (s) => { s.lang = 'nl_NL'; } },
  { name: 'empty catalog Lang ("unknown") is allowed in PDF/A', rules: [], edit: (s) => { s.lang = ''; } },
];

async function bytesOf(c: Case): Promise<Uint8Array> {
  const spec = goodSpec();
  c.edit?.(spec);
  const bytes = await buildPdf(spec);
  return c.bytes ? c.bytes(bytes) : bytes;
}

describe('PDF/A-2a rules on the good letter', () => {
  it('finds nothing wrong under PDF/A-2a and PDF/UA-1 together, and says which profiles ran', async () => {
    const own = await checkOwnRules(await buildPdf(goodSpec()));
    expect(own.profiles).toEqual(['pdfua1', 'pdfa2a']);
    expect(own.findings).toEqual([]);
    expect(own.checked).toBe(PROFILES.pdfua1.rules.length + PROFILES.pdfa2a.rules.length);
  });

  it('checks the level a file claims: B gets the B rules only', async () => {
    const spec = goodSpec();
    spec.xmp = xmp({ pdfa: { part: '2', conformance: 'B' } });
    spec.toUnicode = 'none';
    const own = await checkOwnRules(await buildPdf(spec));
    expect(own.profiles).toEqual(['pdfua1', 'pdfa2b']);
    // The missing ToUnicode breaks PDF/UA; PDF/A-2b does not ask for Unicode.
    expect([...new Set(own.findings.map((f) => `${f.profile} ${f.rule}`))]).toEqual(['pdfua1 7.21.7-1']);
  });

  it('counts as checked only the rules that could run: the file rules, on an encrypted file', async () => {
    const spec = goodSpec();
    spec.encrypt = true;
    const own = await checkOwnRules(await buildPdf(spec), ['pdfa2a']);
    expect(own.checked).toBe(PROFILES.pdfa2a.rules.filter((r) => r.scope === 'file').length);
    expect(own.findings.map((f) => f.rule)).toEqual(['6.1.3-2']);
  });

  it('still checks the PDF/A level a malformed XMP packet claims, and fails it there', async () => {
    const spec = goodSpec();
    spec.xmp = xmp({ title: 'Brief \ufffe' });
    const own = await checkOwnRules(await buildPdf(spec));
    expect(own.profiles).toEqual(['pdfua1', 'pdfa2a']);
    expect(own.findings.map((f) => `${f.profile} ${f.rule}`)).toEqual(['pdfua1 5-1', 'pdfua1 7.1-9', 'pdfa2a 6.6.2.1-4']);
  });

  it('checks PDF/UA-1 only when a file claims no PDF/A', async () => {
    const spec = goodSpec();
    spec.xmp = xmp({ pdfa: null });
    expect((await checkOwnRules(await buildPdf(spec))).profiles).toEqual(['pdfua1']);
  });
});

describe('PDF/A-2a: each defect gets exactly its rule ids', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const own = await checkOwnRules(await bytesOf(c), ['pdfa2a']);
    expect([...new Set(own.findings.map((f) => f.rule))].sort()).toEqual([...c.rules].sort());
    for (const f of own.findings) {
      expect(f).toMatchObject({ profile: 'pdfa2a', tool: { name: 'rijkspers' } });
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.help!.length).toBeGreaterThan(10);
    }
  });

  it('sees every PDF/A-2 rule fail in some case', () => {
    const seen = new Set(CASES.flatMap((c) => c.rules));
    expect(PDFA2_RULES.map((r) => r.id).filter((id) => !seen.has(id))).toEqual([]);
  });

  it('reports a shared condition under each profile\'s id', async () => {
    const spec = goodSpec();
    spec.markInfo = null;
    const own = await checkOwnRules(await buildPdf(spec), ['pdfua1', 'pdfa2a']);
    expect(own.findings.map((f) => [f.profile, f.rule])).toEqual([
      ['pdfua1', '6.2-1'],
      ['pdfa2a', '6.7.2.2-1'],
    ]);
    expect(own.findings[1]!.helpUrl).toBe('https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFA-Parts-2-and-3-rules#rule-6722-1');
  });
});
