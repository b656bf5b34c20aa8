/**
 * The PDF/UA checker's readers: content-stream tokenizer, CMaps, XML/XMP, glyph names and the
 * TrueType reader. A content stream read wrong means paint operators counted wrong.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseCMap, splitCodes } from '../../../src/check/pdf/cmap.js';
import { ContentSyntaxError, readOperations, type Operand, type Operation } from '../../../src/check/pdf/content-lexer.js';
import { glyphNameToUnicode } from '../../../src/check/pdf/simple-encodings.js';
import { readTrueType } from '../../../src/check/pdf/truetype.js';
import { parseXml, XmlError } from '../../../src/check/pdf/xml.js';
import { readXmp } from '../../../src/check/pdf/xmp.js';

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ops = (s: string): Operation[] => {
  const out: Operation[] = [];
  readOperations(latin1(s), (op) => out.push(op));
  return out;
};
const str = (o: Operand | undefined): string => (o?.t === 'str' ? String.fromCharCode(...o.v) : `not a string: ${JSON.stringify(o)}`);

describe('content-stream tokenizer', () => {
  it('reads operators with their operands in order', () => {
    const result = ops('BT /F1 12 Tf 72 700 Td (Hallo) Tj ET');
    expect(result.map((o) => o.op)).toEqual(['BT', 'Tf', 'Td', 'Tj', 'ET']);
    expect(result[1]!.operands).toEqual([{ t: 'name', v: 'F1' }, { t: 'num', v: 12 }]);
    expect(str(result[3]!.operands[0])).toBe('Hallo');
  });

  it('keeps operator names inside strings as text', () => {
    const result = ops('(EMC) Tj (a\\) Tj \\(b) Tj');
    expect(result.map((o) => o.op)).toEqual(['Tj', 'Tj']);
    expect(str(result[1]!.operands[0])).toBe('a) Tj (b');
  });

  it('reads nested parentheses, octal escapes and line continuations', () => {
    const [nested, octal, continued] = ops('((a)b) Tj (\\101\\12\\0) Tj (ab\\\ncd) Tj');
    expect(str(nested!.operands[0])).toBe('(a)b');
    expect(str(octal!.operands[0])).toBe('A\n\0');
    expect(str(continued!.operands[0])).toBe('abcd');
  });

  it('reads hex strings with white space and an odd digit count', () => {
    const [op] = ops('<48 65 6c6C 6>Tj');
    expect(str(op!.operands[0])).toBe('Hell`');
  });

  it('reads TJ arrays, names with #xx escapes and property dictionaries', () => {
    const [tj, bdc] = ops('[(A) -120 <0042>] TJ /Span#20X <</MCID 3 /Lang (nl) /Nested << /A [1 2] >> >> BDC');
    expect(tj!.operands[0]).toEqual({
      t: 'arr',
      v: [{ t: 'str', v: latin1('A') }, { t: 'num', v: -120 }, { t: 'str', v: Uint8Array.of(0x00, 0x42) }],
    });
    expect(bdc!.operands[0]).toEqual({ t: 'name', v: 'Span X' });
    const props = bdc!.operands[1];
    expect(props?.t).toBe('dict');
    if (props?.t === 'dict') {
      expect(props.v.get('MCID')).toEqual({ t: 'num', v: 3 });
      expect(str(props.v.get('Lang'))).toBe('nl');
      expect(props.v.get('Nested')).toEqual({ t: 'dict', v: new Map([['A', { t: 'arr', v: [{ t: 'num', v: 1 }, { t: 'num', v: 2 }] }]]) });
    }
  });

  it('skips comments', () => {
    expect(ops('% a comment with Tj and (\n0 0 m 10 10 l S').map((o) => o.op)).toEqual(['m', 'l', 'S']);
  });

  it('skips inline image data even when it contains operator-like bytes', () => {
    const result = ops('q BI /W 4 /H 1 /BPC 8 /CS /G ID EMC) EI Q');
    expect(result.map((o) => o.op)).toEqual(['q', 'BI', 'Q']);
    const dict = result[1]!.operands[0];
    expect(dict?.t === 'dict' ? dict.v.get('W') : undefined).toEqual({ t: 'num', v: 4 });
  });

  it('reports damage, keeping the operations before it', () => {
    const seen: string[] = [];
    expect(() => readOperations(latin1('q 1 0 0 1 0 0 cm (unterminated Tj'), (o) => seen.push(o.op))).toThrow(ContentSyntaxError);
    expect(seen).toEqual(['q', 'cm']);
    expect(() => ops('[1 Tj] TJ')).toThrow(/operator "Tj" inside an array/);
    expect(() => ops('BI /W 1 ID xx')).toThrow(/inline image without EI/);
  });
});

describe('CMaps', () => {
  const cmap = parseCMap(
    latin1(`/CIDInit /ProcSet findresource begin 12 dict begin begincmap
      /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
      2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
      2 beginbfchar <41> <0041> <8001> <D83DDE00> endbfchar
      2 beginbfrange <61> <63> <0061> <9000> <9002> [<0066> <00660069> <0000>] endbfrange
      endcmap CMapName currentdict /CMap defineresource pop end end`),
  );

  it('maps single codes, ranges and array ranges to Unicode', () => {
    expect(cmap.error).toBeUndefined();
    expect(cmap.unicodeOf(0x41, 1)).toBe('A');
    expect(cmap.unicodeOf(0x8001, 2)).toBe('\u{1F600}');
    expect(cmap.unicodeOf(0x63, 1)).toBe('c');
    expect(cmap.unicodeOf(0x9001, 2)).toBe('fi');
    expect(cmap.unicodeOf(0x9002, 2)).toBe('\u0000');
    expect(cmap.unicodeOf(0x42, 1)).toBeUndefined();
    expect(cmap.unicodeOf(0x41, 2)).toBeUndefined();
  });

  it('splits strings by codespace ranges of mixed length', () => {
    expect(splitCodes(Uint8Array.of(0x41, 0x80, 0x01, 0x62), cmap.codespace)).toEqual([
      { code: 0x41, bytes: 1, valid: true },
      { code: 0x8001, bytes: 2, valid: true },
      { code: 0x62, bytes: 1, valid: true },
    ]);
  });

  it('reads embedded encoding CMaps (code → CID) and usecmap', () => {
    const encoding = parseCMap(latin1('/Identity-H usecmap 1 begincidrange <0100> <01FF> 500 endcidrange 1 begincidchar <0003> 7 endcidchar'));
    expect(encoding.usecmap).toBe('Identity-H');
    expect(encoding.cidOf(0x0105, 2)).toBe(505);
    expect(encoding.cidOf(0x0003, 2)).toBe(7);
    expect(encoding.cidOf(0x0009, 2)).toBe(9);
  });
});

const XMP_OPEN =
  '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">';
const XMP_CLOSE = '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
const packet = (description: string): Uint8Array => new TextEncoder().encode(`${XMP_OPEN}${description}${XMP_CLOSE}`);

describe('XML and XMP', () => {
  it('resolves namespaces and entities', () => {
    const { root } = parseXml('<a xmlns="urn:x" xmlns:b="urn:b"><b:c b:d="1 &amp; 2">&lt;tekst&gt; &#233;&#x20AC;</b:c></a>');
    expect(root).toMatchObject({ ns: 'urn:x', local: 'a' });
    const child = root.children[0]!;
    expect(child).toMatchObject({ ns: 'urn:b', local: 'c', prefix: 'b', text: '<tekst> é€' });
    expect(child.attrs).toEqual([{ ns: 'urn:b', local: 'd', prefix: 'b', qname: 'b:d', value: '1 & 2' }]);
  });

  it.each([
    ['<a>A & B</a>', /unclosed tag|entity/],
    ['<a><b></a></b>', /unexpected close tag/],
    ['<a/><b/>', /text data outside of root node|root/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
    ['<p:a/>', /unbound namespace prefix: "p"/],
    ['<a>&nbsp;</a>', /undefined entity/],
    ['<a b="<"/>', /disallowed character/],
    ['<a>', /unclosed tag/],
    // Issue 7: characters XML forbids made the packet malformed while the checker passed it.
    ['<a>\ufffe</a>', /disallowed character/],
    ['<a>\uffff</a>', /disallowed character/],
    ['<a>\u0001</a>', /disallowed character/],
    ['<a>&#xFFFE;</a>', /malformed character entity/],
  ])('refuses %j', (source, error) => {
    expect(() => parseXml(source)).toThrow(XmlError);
    expect(() => parseXml(source)).toThrow(error);
  });

  it('says where the first error is', () => {
    expect(() => parseXml('<a>\n<b>\ufffe</b></a>')).toThrow(/^2:\d+: /);
  });

  it('reads pdfuaid:part in attribute form and the x-default title', () => {
    const facts = readXmp(
      packet(
        '<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" pdfuaid:part="1">' +
          '<dc:title><rdf:Alt><rdf:li xml:lang="en">Letter</rdf:li><rdf:li xml:lang="x-default">Brief</rdf:li></rdf:Alt></dc:title>' +
          '</rdf:Description>',
      ),
    );
    expect(facts).toMatchObject({ uaPart: '1', title: 'Brief', usesXDefault: true });
    expect(facts.error).toBeUndefined();
    expect(facts.header).toEqual(new Map([['begin', '\ufeff'], ['id', 'W5M0MpCehiHzreSzNTczkc9d']]));
  });

  it('reads the PDF/A identification, its prefix and the extension schemas', () => {
    const facts = readXmp(
      packet(
        '<rdf:Description rdf:about="" xmlns:a="http://www.aiim.org/pdfa/ns/id/" a:part="2" a:conformance="A"/>' +
          '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">' +
          '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">' +
          '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI><pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>' +
          '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource"><pdfaProperty:name>part</pdfaProperty:name></rdf:li></rdf:Seq></pdfaSchema:property>' +
          '</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>',
      ),
    );
    expect(facts).toMatchObject({ pdfaPart: '2', pdfaConformance: 'A', pdfaidPrefixes: ['a'] });
    expect(facts.extensionProperties).toEqual(new Map([['http://www.aiim.org/pdfua/ns/id/', new Set(['part'])]]));
    expect(facts.properties.map((p) => `${p.prefix}:${p.local}`)).toEqual(['a:part', 'a:conformance', 'pdfaExtension:schemas']);
  });

  it('does not take a prefix for a namespace', () => {
    // pdfuaid bound to the wrong URI is not the PDF/UA identification.
    const facts = readXmp(packet('<rdf:Description xmlns:pdfuaid="urn:wrong"><pdfuaid:part>1</pdfuaid:part></rdf:Description>'));
    expect(facts.uaPart).toBeUndefined();
  });

  it.each([
    ['not UTF-8', new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), /UTF-8/],
    ['not RDF', new TextEncoder().encode('<a/>'), /rdf:RDF/],
    ['U+FFFE in a value', packet('<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>a\ufffeb</dc:title></rdf:Description>'), /disallowed character/],
  ])('calls a packet that is %s not well-formed', (_name, bytes, error) => {
    expect(readXmp(bytes).error).toMatch(error);
  });
});

describe('glyph names and TrueType', () => {
  it.each([
    ['eacute', 'é'],
    ['Scaron', 'Š'],
    ['uni20AC', '€'],
    ['u1F600', '\u{1F600}'],
    ['f_f_i', 'ffi'],
    ['a.sc', 'a'],
    ['quoteright', '\u2019'],
  ])('maps %s', (name, unicode) => {
    expect(glyphNameToUnicode(name)).toBe(unicode);
  });

  it.each(['.notdef', 'g123', 'uniD800', 'glyph1'])('finds no Unicode for %s', (name) => {
    expect(glyphNameToUnicode(name)).toBeUndefined();
  });

  it('reads glyph count, cmap and widths of Fira Sans', () => {
    const require = createRequire(import.meta.url);
    const font = readTrueType(readFileSync(require.resolve('@expo-google-fonts/fira-sans/400Regular/FiraSans_400Regular.ttf')));
    expect(font.numGlyphs).toBeGreaterThan(1000);
    const a = font.glyphForCodePoint(0x41);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(font.numGlyphs);
    expect(font.glyphForCodePoint(0x10ffff)).toBe(0);
    expect(font.advanceWidth(a) / font.unitsPerEm).toBeGreaterThan(0.4);
    expect(() => readTrueType(Uint8Array.of(0, 1, 0, 0))).toThrow(/too short/);
  });
});
