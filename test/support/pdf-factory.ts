/**
 * Makes PDFs for the PDF/UA checker tests at run time, from a plain description (`DocSpec`), so
 * each test can start from a good tagged letter and break exactly one thing.
 *
 * Text is set in Fira Sans (embedded whole as a Type 0 / CIDFontType2 font, Identity-H, with a
 * ToUnicode CMap and widths taken from the program), so the good document passes the font rules too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { glyphNameToUnicode } from '../../src/check/pdf/simple-encodings.js';
import { readTrueType } from '../../src/check/pdf/truetype.js';

// ------------------------------------------------------------------ the font

const require = createRequire(import.meta.url);
const FIRA_PATH = require.resolve('@expo-google-fonts/fira-sans/400Regular/FiraSans_400Regular.ttf');
const firaBytes = readFileSync(FIRA_PATH);
const fira = readTrueType(firaBytes);
const firaDeflated = deflateSync(firaBytes);

/** Characters the test font can show; everything else is a test bug. */
const CHARSET = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ...'éëïöüèàçáóúÉ€–—‘’“”•…'];
const GID = new Map(CHARSET.map((ch) => [ch, fira.glyphForCodePoint(ch.codePointAt(0)!)]));

/** Glyphs in the embedded Fira program (maxp.numGlyphs). */
export const FIRA_GLYPH_COUNT = fira.numGlyphs;

/** Fira's glyph id for a character of the test charset (= its CID under Identity-H). */
export function glyphId(ch: string): number {
  const gid = GID.get(ch);
  if (gid === undefined || gid === 0) throw new Error(`test font cannot show ${JSON.stringify(ch)}`);
  return gid;
}

/** Glyph ids of a text as an Identity-H hex string: `<0012003A>`. */
export function hex(text: string): string {
  return `<${[...text]
    .map((ch) => {
      const gid = GID.get(ch);
      if (gid === undefined || gid === 0) throw new Error(`test font cannot show ${JSON.stringify(ch)}`);
      return gid.toString(16).padStart(4, '0');
    })
    .join('')}>`;
}

// ------------------------------------------------------------------ content helpers

/** A line of text in the test font. */
export function show(text: string, x: number, y: number, size = 10, font = 'F1'): string {
  return `BT /${font} ${size} Tf ${x} ${y} Td ${font === 'F1' ? hex(text) : `(${text})`} Tj ET`;
}

export function tagged(tag: string, mcid: number, inner: string, extra = ''): string {
  return `/${tag} <</MCID ${mcid}${extra}>> BDC ${inner} EMC`;
}

export function artifact(inner: string, type = 'Pagination'): string {
  return `/Artifact <</Type /${type}>> BDC ${inner} EMC`;
}

export function box(x: number, y: number, w: number, h: number): string {
  return `${x} ${y} ${w} ${h} re f`;
}

// ------------------------------------------------------------------ the description

export interface McrSpec {
  mcid: number;
  /** 0-based page; defaults to the element's page, else 0. */
  page?: number;
  /** Name of a Form XObject of that page whose stream holds the MCID. */
  form?: string;
}
export interface ObjrSpec {
  annot: string;
}
export interface ElemSpec {
  type: string;
  /** A name to find the element in mutations (`find`). */
  key?: string;
  alt?: string;
  actualText?: string;
  expansion?: string;
  lang?: string;
  id?: string;
  /** Table attributes (owner /Table): Scope, ColSpan, RowSpan, Headers. */
  table?: { Scope?: string; ColSpan?: number; RowSpan?: number; Headers?: string[] };
  /** Keys of elements named in /Ref (PDF 2.0 style). */
  refs?: string[];
  /** Leave out /P. */
  noParent?: boolean;
  kids?: Array<ElemSpec | McrSpec | ObjrSpec>;
}
export interface AnnotSpec {
  id: string;
  subtype: string;
  rect: [number, number, number, number];
  contents?: string;
  uri?: string;
  /** Named destination. */
  dest?: string;
  flags?: number;
  /** Leave out /StructParent (and the ParentTree entry). */
  noStructParent?: boolean;
}
export interface FormSpec {
  content: string;
  /** Give the form /StructParents (default: when it holds MCIDs). */
  structParents?: boolean;
  /** Object-level tagging: /StructParent pointing at the element with this key. */
  structParentOf?: string;
  /** Make it a reference XObject (/Ref). */
  reference?: boolean;
}
export interface PageSpec {
  content: string;
  annots?: AnnotSpec[];
  /** `/Tabs` value; null leaves it out. Default `S`. */
  tabs?: string | null;
  forms?: Record<string, FormSpec>;
  noStructParents?: boolean;
}
export interface DocSpec {
  markInfo: { Marked?: boolean; Suspects?: boolean } | null;
  structTree: boolean;
  displayDocTitle: boolean | null;
  lang: string | null;
  /** XMP packet text, or null for no /Metadata. */
  xmp: string | null;
  roleMap: Record<string, string>;
  structure: ElemSpec[];
  pages: PageSpec[];
  /** Fonts besides F1 (Fira, Type 0): `F2` = Helvetica, not embedded. */
  helvetica?: boolean;
  /** `F3` = Fira as a simple TrueType font, WinAnsi plus these Differences (code → glyph name). */
  simpleTrueType?: { differences: Array<[number, string]> };
  /**
   * `F4` = a Type 1 subset `ABCDEF+Proef` (codes 65–90, WinAnsi) whose program has `.notdef` and
   * these glyphs, with this CharSet string in its descriptor (none when undefined).
   */
  type1?: { glyphs: string[]; charSet?: string };
  /** F1's ToUnicode: complete, absent, or mapping the glyph of `zeroChar` to U+0000. */
  toUnicode: 'complete' | 'none' | { zeroChar: string };
  namedDests: Record<string, number>;
  outline: string[];
  encrypt?: boolean;
  /** The PDF/A output intent: pdfkit's sRGB IEC61966-2.1 profile, or none. Default sRGB. */
  outputIntent?: 'sRGB' | null;
  /** Write a trailer /ID (default true). */
  fileId?: boolean;
  /** An embedded file, named in /EmbeddedFiles and listed in the catalog's /AF. */
  embeddedFile?: { bytes: string; F?: string; UF?: string; Desc?: string };
  /** Last-minute low-level damage on the built objects. */
  mutate?: (built: Built) => void;
}

export interface Built {
  doc: PDFDocument;
  context: PDFContext;
  catalog: PDFDict;
  structTreeRoot?: PDFDict;
  parentTreeNums?: PDFArray;
  pages: PDFDict[];
  pageRefs: PDFRef[];
  elements: Map<string, PDFDict>;
  annots: Map<string, PDFDict>;
  forms: Map<string, PDFDict>;
}

export interface XmpOptions {
  title?: string | null;
  part?: string | null;
  xDefault?: boolean;
  /** pdfaid:part and pdfaid:conformance (default 2, A), or null for no PDF/A identification. */
  pdfa?: { part: string; conformance: string | null } | null;
  /** Describe pdfuaid in a PDF/A extension schema (default true), as PDF/A-2 requires. */
  extension?: boolean;
}

/** The PDF/A extension schema that describes pdfuaid:part (ISO 19005-2, 6.6.2.3). */
const PDFUA_EXTENSION = [
  '  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
  '   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
  '    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
  '    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
  '     <pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '     <pdfaProperty:category>internal</pdfaProperty:category><pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
  '    </rdf:li></rdf:Seq></pdfaSchema:property>',
  '   </rdf:li></rdf:Bag></pdfaExtension:schemas>',
  '  </rdf:Description>',
].join('\n');

export function xmp(options: XmpOptions = {}): string {
  const title = options.title === undefined ? 'Toegankelijke brief' : options.title;
  const part = options.part === undefined ? '1' : options.part;
  const lang = options.xDefault === false ? 'nl-NL' : 'x-default';
  const pdfa = options.pdfa === undefined ? { part: '2', conformance: 'A' } : options.pdfa;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    title === null ? '' : `   <dc:title><rdf:Alt><rdf:li xml:lang="${lang}">${title}</rdf:li></rdf:Alt></dc:title>`,
    part === null ? '' : `   <pdfuaid:part>${part}</pdfuaid:part>`,
    pdfa === null ? '' : `   <pdfaid:part>${pdfa.part}</pdfaid:part>`,
    pdfa === null || pdfa.conformance === null ? '' : `   <pdfaid:conformance>${pdfa.conformance}</pdfaid:conformance>`,
    '  </rdf:Description>',
    options.extension === false ? '' : PDFUA_EXTENSION,
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** pdfkit's sRGB IEC61966-2.1 profile (ICC v2, monitor class), as a PDF/A output intent needs. */
export const SRGB_ICC = readFileSync(join(dirname(require.resolve('pdfkit')), 'data', 'sRGB_IEC61966_2_1.icc'));

/** A tagged two-page letter that passes every rule. Fresh on every call, so tests can edit it. */
export function goodSpec(): DocSpec {
  const page1 = [
    artifact(`q 0.08 0.26 0.45 rg ${box(278, 737, 37, 105)} Q`, 'Layout'),
    artifact(show('Pagina 1 van 2', 480, 30, 8)),
    tagged('H1', 0, show('Betreft: toegankelijkheid', 72, 760, 14)),
    tagged('P', 1, show('Zie de website ', 72, 730)),
    tagged('Link', 2, show('example.org', 150, 730)),
    tagged('Link', 3, show('1', 210, 734, 7)),
    tagged('H2', 4, show('Aanpak', 72, 700, 12)),
    tagged('Lbl', 5, show('•', 72, 680)),
    tagged('LBody', 6, show('eerste punt', 84, 680)),
    tagged('Lbl', 7, show('•', 72, 665)),
    tagged('LBody', 8, show('tweede punt', 84, 665)),
    tagged('TH', 9, show('Jaar', 72, 640)),
    tagged('TH', 10, show('Aantal', 150, 640)),
    tagged('TD', 11, show('2024', 72, 625)),
    tagged('TD', 12, show('12', 150, 625)),
    tagged('Figure', 13, 'q 50 0 0 40 72 560 cm /Im1 Do Q'),
    tagged('P', 14, show('Deze alinea loopt door', 72, 540)),
    artifact('0.5 w 72 75 m 200 75 l S', 'Layout'),
    tagged('Lbl', 15, show('1', 72, 60, 7)),
    tagged('P', 16, show('Voetnoottekst.', 80, 60, 7)),
  ].join('\n');
  const page2 = [
    artifact(show('Pagina 2 van 2', 480, 30, 8)),
    tagged('P', 0, show('op de volgende pagina.', 72, 760)),
    '/Fm1 Do',
    tagged('Span', 1, show('in English', 72, 700)),
  ].join('\n');
  return {
    markInfo: { Marked: true },
    structTree: true,
    displayDocTitle: true,
    lang: 'nl-NL',
    xmp: xmp(),
    roleMap: { Alinea: 'P' },
    helvetica: false,
    toUnicode: 'complete',
    namedDests: { 'fn-1': 0 },
    outline: ['Betreft: toegankelijkheid'],
    pages: [
      {
        content: page1,
        annots: [
          { id: 'web', subtype: 'Link', rect: [150, 728, 210, 742], uri: 'https://example.org', contents: 'Website example.org' },
          { id: 'fn1call', subtype: 'Link', rect: [209, 732, 215, 742], dest: 'fn-1', contents: 'Voetnoot 1' },
        ],
      },
      { content: page2, forms: { Fm1: { content: tagged('P', 0, show('Tekst uit een formulier.', 72, 730)) } } },
    ],
    structure: [
      {
        type: 'Document',
        key: 'doc',
        kids: [
          { type: 'H1', key: 'h1', kids: [{ mcid: 0 }] },
          {
            type: 'P',
            key: 'p1',
            kids: [
              { mcid: 1 },
              { type: 'Link', key: 'weblink', kids: [{ mcid: 2 }, { annot: 'web' }] },
              { type: 'Reference', key: 'ref', kids: [{ type: 'Link', key: 'notelink', kids: [{ mcid: 3 }, { annot: 'fn1call' }] }] },
            ],
          },
          { type: 'H2', key: 'h2', kids: [{ mcid: 4 }] },
          {
            type: 'L',
            key: 'list',
            kids: [
              { type: 'LI', key: 'li1', kids: [{ type: 'Lbl', key: 'lbl1', kids: [{ mcid: 5 }] }, { type: 'LBody', key: 'lbody1', kids: [{ mcid: 6 }] }] },
              { type: 'LI', key: 'li2', kids: [{ type: 'Lbl', kids: [{ mcid: 7 }] }, { type: 'LBody', kids: [{ mcid: 8 }] }] },
            ],
          },
          {
            type: 'Table',
            key: 'table',
            kids: [
              {
                type: 'TR',
                key: 'tr1',
                kids: [
                  { type: 'TH', key: 'th1', id: 'th-jaar', table: { Scope: 'Column' }, kids: [{ mcid: 9 }] },
                  { type: 'TH', key: 'th2', id: 'th-aantal', table: { Scope: 'Column' }, kids: [{ mcid: 10 }] },
                ],
              },
              {
                type: 'TR',
                key: 'tr2',
                kids: [
                  { type: 'TD', key: 'td1', kids: [{ mcid: 11 }] },
                  { type: 'TD', key: 'td2', kids: [{ mcid: 12 }] },
                ],
              },
            ],
          },
          { type: 'Figure', key: 'figure', alt: 'Grijs vlak als voorbeeldafbeelding', kids: [{ mcid: 13 }] },
          { type: 'Alinea', key: 'p2', kids: [{ mcid: 14 }, { mcid: 0, page: 1 }] },
          { type: 'P', key: 'pform', kids: [{ mcid: 0, page: 1, form: 'Fm1' }] },
          { type: 'P', key: 'p3', kids: [{ type: 'Span', key: 'span', lang: 'en-GB', kids: [{ mcid: 1, page: 1 }] }] },
          {
            type: 'Note',
            key: 'note',
            id: 'fn-1',
            kids: [
              { type: 'Lbl', key: 'notelbl', kids: [{ mcid: 15 }] },
              { type: 'P', key: 'notep', kids: [{ mcid: 16 }] },
            ],
          },
        ],
      },
    ],
  };
}

/** Finds an element of a spec by key (throws, so a typo in a test cannot pass silently). */
export function find(spec: DocSpec, key: string): ElemSpec {
  const visit = (list: Array<ElemSpec | McrSpec | ObjrSpec>): ElemSpec | undefined => {
    for (const item of list) {
      if (!('type' in item)) continue;
      if (item.key === key) return item;
      const found = visit(item.kids ?? []);
      if (found) return found;
    }
    return undefined;
  };
  const found = visit(spec.structure);
  if (!found) throw new Error(`no element with key ${key}`);
  return found;
}

// ------------------------------------------------------------------ building

const n = (name: string): PDFName => PDFName.of(name);

/** Name trees are sorted by the bytes of their keys (ISO 32000-1, 7.9.6), not by any locale's collation. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isElem(kid: ElemSpec | McrSpec | ObjrSpec): kid is ElemSpec {
  return 'type' in kid;
}
function isMcr(kid: ElemSpec | McrSpec | ObjrSpec): kid is McrSpec {
  return 'mcid' in kid;
}

function toUnicodeCMap(mode: DocSpec['toUnicode']): string {
  const entries = CHARSET.map((ch) => {
    const gid = GID.get(ch)!.toString(16).padStart(4, '0');
    const zero = typeof mode === 'object' && mode.zeroChar === ch;
    const value = zero ? '0000' : [...Buffer.from(ch, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `<${gid}> <${value}>`;
  });
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const part = entries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function stream(context: PDFContext, text: string | Uint8Array, dict: Record<string, PDFObject> = {}): PDFRef {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  return context.register(context.stream(bytes, dict));
}

/** Type 1 encryption (Adobe Type 1 Font Format, 7.2): eexec with key 55665, charstrings with 4330. */
function type1Encrypt(plain: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(plain.length);
  let r = key;
  plain.forEach((p, i) => {
    const c = p ^ (r >> 8);
    out[i] = c;
    r = ((c + r) * 52845 + 22719) & 0xffff;
  });
  return out;
}

/** A Type 1 program with `.notdef` and the given glyphs, each `0 500 hsbw endchar`; Length1–3 as PDF wants them. */
export function type1Program(glyphs: string[]): { bytes: Uint8Array; length1: number; length2: number; length3: number } {
  const clear = Buffer.from(
    [
      '%!PS-AdobeFont-1.0: ABCDEF+Proef 001.000',
      '11 dict begin',
      '/FontName /ABCDEF+Proef def',
      '/FontType 1 def',
      '/PaintType 0 def',
      '/FontMatrix [0.001 0 0 0.001 0 0] readonly def',
      '/FontBBox {0 0 500 700} readonly def',
      '/Encoding StandardEncoding def',
      'currentdict end',
      'currentfile eexec',
      '',
    ].join('\n'),
    'latin1',
  );
  // lenIV bytes, then 0 500 hsbw endchar (500 = 248 136 in charstring number encoding).
  const charstring = type1Encrypt(Uint8Array.of(0, 0, 0, 0, 139, 248, 136, 13, 14), 4330);
  const parts: Buffer[] = [
    Buffer.from(
      '\0\0\0\0dup /Private 8 dict dup begin\n/RD {string currentfile exch readstring pop} executeonly def\n' +
        '/ND {noaccess def} executeonly def\n/NP {noaccess put} executeonly def\n/lenIV 4 def\n/password 5839 def\n' +
        `/MinFeature {16 16} def\n/BlueValues [] def\n/Subrs 0 array\nND\n2 index /CharStrings ${glyphs.length + 1} dict dup begin\n`,
      'latin1',
    ),
  ];
  for (const name of ['.notdef', ...glyphs]) {
    parts.push(Buffer.from(`/${name} ${charstring.length} RD `, 'latin1'), Buffer.from(charstring), Buffer.from(' ND\n', 'latin1'));
  }
  parts.push(Buffer.from('end\nend\nreadonly put\nnoaccess put\ndup /FontName get exch definefont pop\nmark currentfile closefile\n', 'latin1'));
  const encrypted = type1Encrypt(Buffer.concat(parts), 55665);
  const trailer = Buffer.from(`${'0'.repeat(64)}\n`.repeat(8) + 'cleartomark\n', 'latin1');
  return {
    bytes: Buffer.concat([clear, encrypted, trailer]),
    length1: clear.length,
    length2: encrypted.length,
    length3: trailer.length,
  };
}

/** Glyph id of a Differences glyph name in Fira: through its Unicode, .notdef when it has none. */
function glyphOfName(name: string): number {
  const unicode = glyphNameToUnicode(name);
  return unicode === undefined || [...unicode].length !== 1 ? 0 : fira.glyphForCodePoint(unicode.codePointAt(0)!);
}

function buildFonts(context: PDFContext, spec: DocSpec): PDFDict {
  const fontFile = stream(context, firaDeflated, { Filter: n('FlateDecode'), Length1: PDFNumber.of(firaBytes.length) });
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: 'FiraSans-Regular',
      Flags: 32,
      FontBBox: [-500, -300, 1500, 1000],
      ItalicAngle: 0,
      Ascent: 935,
      Descent: -265,
      CapHeight: 689,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const scale = 1000 / fira.unitsPerEm;
  const notdefWidth = Math.round(fira.advanceWidth(0) * scale);
  const widths: PDFObject[] = [];
  for (const gid of [...new Set(GID.values())].sort((a, b) => a - b)) {
    widths.push(PDFNumber.of(gid), context.obj([Math.round(fira.advanceWidth(gid) * scale)]));
  }
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'FiraSans-Regular',
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      CIDToGIDMap: 'Identity',
      // Codes outside /W show .notdef (or a glyph past the end, which veraPDF measures as .notdef).
      DW: notdefWidth,
      W: context.obj(widths),
    }),
  );
  const type0: Record<string, PDFObject> = {
    Type: n('Font'),
    Subtype: n('Type0'),
    BaseFont: n('FiraSans-Regular'),
    Encoding: n('Identity-H'),
    DescendantFonts: context.obj([cidFont]),
  };
  if (spec.toUnicode !== 'none') type0.ToUnicode = stream(context, toUnicodeCMap(spec.toUnicode));
  const fonts: Record<string, PDFObject> = { F1: context.register(context.obj(type0)) };
  if (spec.simpleTrueType) {
    const winAnsi = new TextDecoder('windows-1252');
    const simpleDescriptor = context.register(
      context.obj({ Type: 'FontDescriptor', FontName: 'FiraSans-Regular', Flags: 32, FontBBox: [-500, -300, 1500, 1000], ItalicAngle: 0, Ascent: 935, Descent: -265, CapHeight: 689, StemV: 80, FontFile2: fontFile }),
    );
    const renamed = new Map(spec.simpleTrueType.differences);
    const simpleWidths = Array.from({ length: 224 }, (_, i) => {
      const name = renamed.get(32 + i);
      const gid = name === undefined ? fira.glyphForCodePoint(winAnsi.decode(Uint8Array.of(32 + i)).codePointAt(0)!) : glyphOfName(name);
      return Math.round(fira.advanceWidth(gid) * scale);
    });
    const differences = spec.simpleTrueType.differences.flatMap(([code, name]) => [PDFNumber.of(code), n(name)]);
    fonts.F3 = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: 'FiraSans-Regular',
        FirstChar: 32,
        LastChar: 255,
        Widths: simpleWidths,
        FontDescriptor: simpleDescriptor,
        Encoding: context.obj({ Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: context.obj(differences) }),
      }),
    );
  }
  if (spec.type1) {
    const program = type1Program(spec.type1.glyphs);
    const fontFile1 = stream(context, program.bytes, {
      Length1: PDFNumber.of(program.length1),
      Length2: PDFNumber.of(program.length2),
      Length3: PDFNumber.of(program.length3),
    });
    const t1Descriptor: Record<string, PDFObject> = {
      Type: n('FontDescriptor'),
      FontName: n('ABCDEF+Proef'),
      Flags: PDFNumber.of(32),
      FontBBox: context.obj([0, 0, 500, 700]),
      ItalicAngle: PDFNumber.of(0),
      Ascent: PDFNumber.of(700),
      Descent: PDFNumber.of(0),
      CapHeight: PDFNumber.of(700),
      StemV: PDFNumber.of(80),
      FontFile: fontFile1,
    };
    if (spec.type1.charSet !== undefined) t1Descriptor.CharSet = PDFString.of(spec.type1.charSet);
    fonts.F4 = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type1',
        BaseFont: 'ABCDEF+Proef',
        FirstChar: 65,
        LastChar: 90,
        Widths: Array.from({ length: 26 }, () => 500),
        Encoding: 'WinAnsiEncoding',
        FontDescriptor: context.register(context.obj(t1Descriptor)),
      }),
    );
  }
  if (spec.helvetica) {
    fonts.F2 = context.register(context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
  }
  return context.obj(fonts);
}

export async function buildPdf(spec: DocSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const context = doc.context;
  const catalog = doc.catalog;
  const fonts = buildFonts(context, spec);
  const image = stream(context, Uint8Array.of(0x80), {
    Type: n('XObject'),
    Subtype: n('Image'),
    Width: PDFNumber.of(1),
    Height: PDFNumber.of(1),
    ColorSpace: n('DeviceGray'),
    BitsPerComponent: PDFNumber.of(8),
  });

  const built: Built = {
    doc,
    context,
    catalog,
    pages: [],
    pageRefs: [],
    elements: new Map(),
    annots: new Map(),
    forms: new Map(),
  };

  // Pages, forms, annotations.
  const formRefs = new Map<string, PDFRef>();
  const annotRefs = new Map<string, PDFRef>();
  spec.pages.forEach((pageSpec, index) => {
    const page = doc.addPage([595, 842]);
    const xobjects: Record<string, PDFObject> = { Im1: image };
    for (const [name, form] of Object.entries(pageSpec.forms ?? {})) {
      const dict: Record<string, PDFObject> = {
        Type: n('XObject'),
        Subtype: n('Form'),
        BBox: context.obj([0, 0, 595, 842]),
        Resources: context.obj({ Font: fonts }),
      };
      if (form.reference) dict.Ref = context.obj({ F: PDFString.of('other.pdf'), Page: 0 });
      const ref = stream(context, form.content, dict);
      formRefs.set(`${index}/${name}`, ref);
      built.forms.set(`${index}/${name}`, context.lookupMaybe(ref, PDFStream)!.dict);
      xobjects[name] = ref;
    }
    page.node.set(n('Resources'), context.obj({ Font: fonts, XObject: context.obj(xobjects) }));
    page.node.set(n('Contents'), stream(context, pageSpec.content));
    const tabs = pageSpec.tabs === undefined ? 'S' : pageSpec.tabs;
    const annots: PDFRef[] = [];
    for (const a of pageSpec.annots ?? []) {
      const dict: Record<string, PDFObject> = {
        Type: n('Annot'),
        Subtype: n(a.subtype),
        Rect: context.obj(a.rect),
        Border: context.obj([0, 0, 0]),
        F: PDFNumber.of(a.flags ?? 4),
        P: page.ref,
      };
      if (a.contents !== undefined) dict.Contents = PDFHexString.fromText(a.contents);
      if (a.uri) dict.A = context.obj({ S: 'URI', URI: PDFString.of(a.uri) });
      if (a.dest) dict.Dest = PDFString.of(a.dest);
      const ref = context.register(context.obj(dict));
      annotRefs.set(a.id, ref);
      built.annots.set(a.id, context.lookup(ref) as PDFDict);
      annots.push(ref);
    }
    if (annots.length > 0) {
      page.node.set(n('Annots'), context.obj(annots));
      if (tabs !== null) page.node.set(n('Tabs'), n(tabs));
    }
    built.pages.push(page.node);
    built.pageRefs.push(page.ref);
  });

  // Catalog entries.
  if (spec.markInfo) {
    const markInfo: Record<string, PDFObject> = {};
    if (spec.markInfo.Marked !== undefined) markInfo.Marked = context.obj(spec.markInfo.Marked);
    if (spec.markInfo.Suspects !== undefined) markInfo.Suspects = context.obj(spec.markInfo.Suspects);
    catalog.set(n('MarkInfo'), context.obj(markInfo));
  }
  if (spec.displayDocTitle !== null) catalog.set(n('ViewerPreferences'), context.obj({ DisplayDocTitle: spec.displayDocTitle }));
  if (spec.lang !== null) catalog.set(n('Lang'), PDFString.of(spec.lang));
  if (spec.xmp !== null) {
    catalog.set(n('Metadata'), stream(context, Buffer.from(spec.xmp, 'utf8'), { Type: n('Metadata'), Subtype: n('XML') }));
  }
  if (Object.keys(spec.namedDests).length > 0) {
    const names: PDFObject[] = [];
    for (const [name, page] of Object.entries(spec.namedDests).sort(([a], [b]) => byteOrder(a, b))) {
      names.push(PDFString.of(name), context.obj([built.pageRefs[page]!, n('XYZ'), 0, 842, 0]));
    }
    catalog.set(n('Names'), context.obj({ Dests: context.obj({ Names: context.obj(names) }) }));
  }
  if (spec.outline.length > 0) {
    const outlinesRef = context.nextRef();
    const itemRefs = spec.outline.map(() => context.nextRef());
    spec.outline.forEach((title, i) => {
      const item: Record<string, PDFObject> = {
        Title: PDFHexString.fromText(title),
        Parent: outlinesRef,
        Dest: context.obj([built.pageRefs[0]!, n('XYZ'), 0, 842, 0]),
      };
      if (i > 0) item.Prev = itemRefs[i - 1]!;
      if (i < itemRefs.length - 1) item.Next = itemRefs[i + 1]!;
      context.assign(itemRefs[i]!, context.obj(item));
    });
    context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: itemRefs[0]!, Last: itemRefs[itemRefs.length - 1]!, Count: itemRefs.length }));
    catalog.set(n('Outlines'), outlinesRef);
  }

  // Structure tree.
  if (spec.structTree) {
    const rootRef = context.nextRef();
    const pageArrays = new Map<number, PDFObject[]>();
    const formArrays = new Map<string, PDFObject[]>();
    const nums: Array<[number, PDFObject]> = [];
    let nextKey = spec.pages.length;
    const ids: Array<[string, PDFRef]> = [];
    const keyRefs = new Map<string, PDFRef>();
    const pending: Array<() => void> = [];

    const setAt = (list: PDFObject[], index: number, value: PDFObject): void => {
      while (list.length <= index) list.push(context.obj(null));
      list[index] = value;
    };

    const firstPage = (e: ElemSpec): number | undefined => {
      for (const kid of e.kids ?? []) if (isMcr(kid)) return kid.page ?? 0;
      return undefined;
    };

    const buildElem = (e: ElemSpec, parent: PDFRef, inheritedPage: number | undefined): PDFRef => {
      const ref = context.nextRef();
      if (e.key) keyRefs.set(e.key, ref);
      const page = firstPage(e) ?? inheritedPage;
      const dict: Record<string, PDFObject> = { Type: n('StructElem'), S: n(e.type) };
      if (!e.noParent) dict.P = parent;
      if (page !== undefined) dict.Pg = built.pageRefs[page]!;
      if (e.alt !== undefined) dict.Alt = PDFHexString.fromText(e.alt);
      if (e.actualText !== undefined) dict.ActualText = PDFHexString.fromText(e.actualText);
      if (e.expansion !== undefined) dict.E = PDFHexString.fromText(e.expansion);
      if (e.lang !== undefined) dict.Lang = PDFString.of(e.lang);
      if (e.id !== undefined) {
        dict.ID = PDFString.of(e.id);
        ids.push([e.id, ref]);
      }
      if (e.table) {
        const attrs: Record<string, PDFObject> = { O: n('Table') };
        if (e.table.Scope) attrs.Scope = n(e.table.Scope);
        if (e.table.ColSpan) attrs.ColSpan = PDFNumber.of(e.table.ColSpan);
        if (e.table.RowSpan) attrs.RowSpan = PDFNumber.of(e.table.RowSpan);
        if (e.table.Headers) attrs.Headers = context.obj(e.table.Headers.map((h) => PDFString.of(h)));
        dict.A = context.obj(attrs);
      }
      const kids: PDFObject[] = [];
      for (const kid of e.kids ?? []) {
        if (isElem(kid)) {
          kids.push(buildElem(kid, ref, page));
        } else if (isMcr(kid)) {
          const kidPage = kid.page ?? page ?? 0;
          if (kid.form) {
            const formRef = formRefs.get(`${kidPage}/${kid.form}`);
            if (!formRef) throw new Error(`no form ${kid.form} on page ${kidPage}`);
            kids.push(context.obj({ Type: 'MCR', Pg: built.pageRefs[kidPage]!, Stm: formRef, MCID: kid.mcid }));
            const list = formArrays.get(`${kidPage}/${kid.form}`) ?? [];
            setAt(list, kid.mcid, ref);
            formArrays.set(`${kidPage}/${kid.form}`, list);
          } else {
            kids.push(kidPage === page ? PDFNumber.of(kid.mcid) : context.obj({ Type: 'MCR', Pg: built.pageRefs[kidPage]!, MCID: kid.mcid }));
            const list = pageArrays.get(kidPage) ?? [];
            setAt(list, kid.mcid, ref);
            pageArrays.set(kidPage, list);
          }
        } else {
          const annotRef = annotRefs.get(kid.annot);
          if (!annotRef) throw new Error(`no annotation ${kid.annot}`);
          const annot = context.lookup(annotRef) as PDFDict;
          const annotPage = annot.get(n('P')) as PDFRef;
          kids.push(context.obj({ Type: 'OBJR', Obj: annotRef, Pg: annotPage }));
          const a = spec.pages.flatMap((p) => p.annots ?? []).find((x) => x.id === kid.annot)!;
          if (!a.noStructParent) {
            const key = nextKey++;
            annot.set(n('StructParent'), PDFNumber.of(key));
            nums.push([key, ref]);
          }
        }
      }
      if (e.refs) pending.push(() => { (context.lookup(ref) as PDFDict).set(n('Ref'), context.obj(e.refs!.map((k) => keyRefs.get(k)!))); });
      dict.K = context.obj(kids);
      context.assign(ref, context.obj(dict));
      built.elements.set(e.key ?? `#${ref.objectNumber}`, context.lookup(ref) as PDFDict);
      return ref;
    };

    const top = spec.structure.map((e) => buildElem(e, rootRef, undefined));
    for (const run of pending) run();
    spec.pages.forEach((pageSpec, index) => {
      if (!pageSpec.noStructParents) {
        built.pages[index]!.set(n('StructParents'), PDFNumber.of(index));
        nums.push([index, context.obj(pageArrays.get(index) ?? [])]);
      }
      for (const [name, form] of Object.entries(pageSpec.forms ?? {})) {
        const formDict = built.forms.get(`${index}/${name}`)!;
        const list = formArrays.get(`${index}/${name}`);
        if (list && form.structParents !== false) {
          const key = nextKey++;
          formDict.set(n('StructParents'), PDFNumber.of(key));
          nums.push([key, context.obj(list)]);
        }
        if (form.structParentOf) {
          const key = nextKey++;
          formDict.set(n('StructParent'), PDFNumber.of(key));
          nums.push([key, keyRefs.get(form.structParentOf)!]);
        }
      }
    });
    nums.sort((a, b) => a[0] - b[0]);
    const parentTreeNums = context.obj(nums.flat());
    built.parentTreeNums = parentTreeNums;
    const root: Record<string, PDFObject> = {
      Type: n('StructTreeRoot'),
      K: context.obj(top),
      ParentTree: context.register(context.obj({ Nums: parentTreeNums })),
      ParentTreeNextKey: PDFNumber.of(nextKey),
    };
    if (Object.keys(spec.roleMap).length > 0) {
      root.RoleMap = context.obj(Object.fromEntries(Object.entries(spec.roleMap).map(([k, v]) => [k, n(v)])));
    }
    if (ids.length > 0) {
      const sorted = [...ids].sort(([a], [b]) => byteOrder(a, b));
      root.IDTree = context.obj({ Names: context.obj(sorted.flatMap(([id, ref]) => [PDFString.of(id), ref])) });
    }
    context.assign(rootRef, context.obj(root));
    catalog.set(n('StructTreeRoot'), rootRef);
    built.structTreeRoot = context.lookup(rootRef) as PDFDict;
  }

  if (spec.outputIntent !== null) {
    const profile = stream(context, deflateSync(SRGB_ICC), { N: PDFNumber.of(3), Filter: n('FlateDecode') });
    const intent = context.obj({ Type: 'OutputIntent', S: 'GTS_PDFA1', OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'), DestOutputProfile: profile });
    catalog.set(n('OutputIntents'), context.obj([intent]));
  }
  if (spec.embeddedFile) {
    const { bytes, F, UF, Desc } = spec.embeddedFile;
    const file = stream(context, bytes, { Type: n('EmbeddedFile') });
    const fileSpec: Record<string, PDFObject> = { Type: n('Filespec'), EF: context.obj({ F: file }), AFRelationship: n('Source') };
    if (F !== undefined) fileSpec.F = PDFString.of(F);
    if (UF !== undefined) fileSpec.UF = PDFHexString.fromText(UF);
    if (Desc !== undefined) fileSpec.Desc = PDFHexString.fromText(Desc);
    const specRef = context.register(context.obj(fileSpec));
    const names = catalog.lookupMaybe(n('Names'), PDFDict) ?? context.obj({});
    names.set(n('EmbeddedFiles'), context.obj({ Names: context.obj([PDFString.of(UF ?? F ?? 'bijlage'), specRef]) }));
    catalog.set(n('Names'), names);
    catalog.set(n('AF'), context.obj([specRef]));
  }
  if (spec.fileId !== false) {
    const id = PDFHexString.of('0123456789abcdef0123456789abcdef');
    context.trailerInfo.ID = context.obj([id, id]);
  }
  if (spec.encrypt) {
    context.trailerInfo.Encrypt = context.register(context.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFString.of('x'), U: PDFString.of('y'), P: -4 }));
  }
  spec.mutate?.(built);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
