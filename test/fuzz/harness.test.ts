/**
 * The fuzz harness itself: the mutations make what they say, and each invariant rejects what it
 * must (so a fuzz run that passes means something).
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkEpub, checkHtml, checkLetter, checkParse, checkXml, FuzzViolation, forbiddenIn, lineCount } from '../support/fuzz/invariants.js';
import { buildLong, caseBytes, caseText, type FuzzCase, type TextEdit } from '../support/fuzz/mutations.js';
import { SAMPLES } from '../support/fuzz/samples.js';

const REF = SAMPLES.findIndex((s) => s.name === 'input/000_4c8a1616a76a7555.txt');
const edited = (...edits: TextEdit[]): FuzzCase => ({ sample: REF, edits, encoding: 'utf8', bytes: [] });

function violation(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof FuzzViolation) return err.invariant;
    throw err;
  }
  return 'none';
}

describe('mutations', () => {
  it('mutate the three samples and the eight unseen letters', () => {
    expect(SAMPLES).toHaveLength(11);
    expect(REF).toBeGreaterThanOrEqual(0);
  });

  it('without edits, give the sample byte for byte', () => {
    expect(Buffer.from(caseBytes(edited())).equals(Buffer.from(SAMPLES[REF]!.text, 'utf8'))).toBe(true);
  });

  it('corrupt the n-th marker, replace the date line, truncate, change line ends', () => {
    expect(caseText(edited({ op: 'corrupt-marker', marker: 'footnoteRef', nth: 0, how: 'unclose', arg: 0 }))).toContain('[footnoteRef:1 ');
    const dated = caseText(edited({ op: 'date', date: '31 december 9999', everywhere: false })).split('\n');
    expect(dated[dated.indexOf('Datum') + 1]).toBe('31 december 9999');
    expect(caseText(edited({ op: 'truncate', at: 5 }))).toBe(SAMPLES[REF]!.text.slice(0, 5));
    expect(caseText(edited({ op: 'line-ends', eol: 'crlf' })).split('\r\n')).toHaveLength(SAMPLES[REF]!.text.split('\n').length);
  });

  it('build long runs of the length asked (up to 128 KB), and encode as asked', () => {
    expect(buildLong('url', 131_072)).toHaveLength(131_072);
    expect(buildLong('url', 131_072)).toMatch(/^https:\/\/\S+$/u);
    expect([...caseBytes({ ...edited(), encoding: 'utf16le-bom' }).subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect([...caseBytes({ ...edited(), bytes: [{ op: 'insert-bytes', at: 0, bytes: [0xc0, 0x80] }] }).subarray(0, 2)]).toEqual([0xc0, 0x80]);
  });

  it('never cut a surrogate pair in two', () => {
    const text = caseText({ ...edited({ op: 'insert', line: 0, col: 0, piece: '😀😀' }, { op: 'truncate', at: 3 }) });
    expect(forbiddenIn(text)).toBeUndefined();
    expect(text).toBe('😀');
  });
});

describe('invariants', () => {
  it('find the characters no publication may hold, in every plane, and lone surrogates', () => {
    for (const text of ['\u0001', '\u0085', '\ufdd0', '\ufffe', '\u{1fffe}', '\u{10ffff}', 'a\ud800b', '\udc00']) expect(forbiddenIn(`x${text}`), JSON.stringify(text)).toBeDefined();
    for (const text of ['\t', '\u00a0', '\u{1f600}', '\u{1fffd}', '\ufeff', '\u202e']) expect(forbiddenIn(`x${text}`), JSON.stringify(text)).toBeUndefined();
  });

  it('count lines as the reader does', () => {
    expect(lineCount(strToU8('a\r\nb\rc\nd'))).toBe(4);
  });

  it('parser: a sample is a letter; invalid UTF-8 is an input error on its line', () => {
    expect(checkParse(caseBytes(edited())).kind).toBe('letter');
    expect(checkParse(new Uint8Array([0x61, 0x0a, 0xff]))).toMatchObject({ kind: 'input-error', code: 'not-utf8' });
  });

  it('model: a call without its note, a note listing a call the text lacks, a skipped heading level are violations', () => {
    const parsed = checkParse(caseBytes(edited()));
    if (parsed.kind !== 'letter') throw new Error('the sample must parse');
    const letter = structuredClone(parsed.letter);
    letter.notes = letter.notes.filter((n) => n.id !== 'fn-1');
    expect(violation(() => checkLetter(letter, 200, []))).toBe('model/document-rules');
    const listed = structuredClone(parsed.letter);
    listed.notes[0]!.refIds.push('fnref-99');
    expect(violation(() => checkLetter(listed, 200, []))).toBe('model/note-calls');
    const skipped = structuredClone(parsed.letter);
    skipped.annex!.parts[0]!.level = 6;
    expect(violation(() => checkLetter(skipped, 200, []))).toBe('model/document-rules');
    expect(violation(() => checkLetter(parsed.letter, 5, []))).toBe('model/line');
  });

  it('XML: not well-formed, an unbound prefix, a noncharacter, no root element are violations', () => {
    expect(violation(() => checkXml('<a xmlns:x="urn:x"><x:b/>&amp;</a>', 'x', 'ok'))).toBe('none');
    expect(violation(() => checkXml('<a><b></a>', 'x', 'bad'))).toBe('x');
    expect(violation(() => checkXml('<a><y:b/></a>', 'x', 'bad'))).toBe('x');
    expect(violation(() => checkXml('<a>\ufdd0</a>', 'x', 'bad'))).toBe('x');
    expect(violation(() => checkXml('<a>&nbsp;</a>', 'x', 'bad'))).toBe('x');
    expect(violation(() => checkXml('<?xml version="1.0"?>', 'x', 'bad'))).toBe('x');
  });

  it('HTML: a parse error, a noncharacter, a missing lang are violations', () => {
    const page = (body: string, lang = 'nl'): Uint8Array => strToU8(`<!DOCTYPE html><html lang="${lang}"><head><title>T</title></head><body><h1>T</h1>${body}</body></html>`);
    const letter = { lang: 'nl' } as Parameters<typeof checkHtml>[1];
    expect(violation(() => checkHtml(page('<p>x</p>'), letter))).toBe('none');
    expect(violation(() => checkHtml(page('<p a="1" a="2">x</p>'), letter))).toBe('html/parse');
    expect(violation(() => checkHtml(page('<p>\ufffe</p>'), letter))).toBe('html/parse');
    expect(violation(() => checkHtml(page('<p>x</p>', 'en'), letter))).toBe('html/lang');
  });

  it('EPUB: a container without a stored mimetype first, or with broken XML, is a violation', () => {
    const mimetype: [Uint8Array, { level: 0 }] = [strToU8('application/epub+zip'), { level: 0 }];
    const container = strToU8('<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="p.opf"/></rootfiles></container>');
    const opf = (href: string): Uint8Array => strToU8(`<package xmlns="http://www.idpf.org/2007/opf"><manifest><item href="${href}"/></manifest></package>`);
    expect(violation(() => checkEpub(zipSync({ mimetype, 'META-INF/container.xml': container, 'p.opf': opf('t.xhtml'), 't.xhtml': strToU8('<html/>') })))).toBe('none');
    expect(violation(() => checkEpub(zipSync({ 'META-INF/container.xml': container, mimetype })))).toBe('epub/mimetype');
    expect(violation(() => checkEpub(zipSync({ mimetype, 'META-INF/container.xml': container, 'p.opf': opf('t.xhtml'), 't.xhtml': strToU8('<html>') })))).toBe('epub/xml');
    expect(violation(() => checkEpub(zipSync({ mimetype, 'META-INF/container.xml': container, 'p.opf': opf('gone.xhtml') })))).toBe('epub/manifest');
  });
});
