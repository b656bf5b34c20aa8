/**
 * The EPUB of every sample letter: valid (EPUBCheck), accessible (Ace), complete (every word in
 * order), linked (every note and back-link resolves), paged like the PDF (page-list ↔ markers),
 * described (package metadata) and reproducible (byte-identical on a second render).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEpubChecker } from '../src/check/epub.js';
import { failing, toolsRun } from './support/findings.js';
import type { CheckResult, CheckSession } from '../src/check/types.js';
import type { Letter } from '../src/model/ast.js';
import { letterMetadata } from '../src/model/metadata.js';
import { blockText, letterWords, signatoryText, splitWords } from '../src/model/text.js';
import { parseLetterFile, parseLetterText } from '../src/parse/parse-letter.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { resolvePageStarts, insertIntoInlines } from '../src/render/epub/page-list.js';
import { decodeEntities, tokenize, type Token } from '../src/render/epub/xhtml.js';
import type { PageStart } from '../src/render/pagination.js';
import { loadTheme } from '../src/render/theme.js';
import type { EpubRenderInput } from '../src/render/types.js';
import { textOf, unzipEpub } from './fixtures/epub/helpers.js';

const INPUT_DIR = fileURLToPath(new URL('../input/', import.meta.url));
const SAMPLES = readdirSync(INPUT_DIR).filter((f) => f.endsWith('.txt')).sort();

// ---------------------------------------------------------------- reading the EPUB back

interface Book {
  files: Map<string, Uint8Array>;
  opf: string;
  nav: string;
  /** Spine content documents (linear), in reading order. */
  spine: Array<{ href: string; xhtml: string }>;
}

function readBook(bytes: Uint8Array): Book {
  const files = unzipEpub(bytes);
  const opf = textOf(files, 'OEBPS/content.opf');
  const items = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/gu)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"(?! linear="no")\/>/gu)].map((m) => {
    const href = items.get(m[1] ?? '') ?? '';
    return { href, xhtml: textOf(files, `OEBPS/${href}`) };
  });
  return { files, opf, nav: textOf(files, 'OEBPS/toc.xhtml'), spine };
}

const BLOCK_ELEMENTS = new Set(['p', 'div', 'dt', 'dd', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'main', 'aside', 'ol', 'ul', 'dl', 'address', 'br', 'body']);

/** What a reader gets, with block boundaries and line breaks as whitespace. */
function readingText(xhtml: string): string {
  return tokenize(xhtml).map((t) => (t.kind === 'text' ? decodeEntities(t.raw) : BLOCK_ELEMENTS.has(t.name) ? '\n' : '')).join('');
}

function bodyOf(xhtml: string): string {
  return xhtml.slice(xhtml.indexOf('<body'), xhtml.lastIndexOf('</body>'));
}

/** The element with this id (outer markup), from the tokens. */
function elementById(xhtml: string, id: string): string | undefined {
  const tokens = tokenize(xhtml);
  const start = tokens.findIndex((t) => t.kind === 'start' && t.attrs.get('id') === id);
  if (start < 0) return undefined;
  let depth = 0;
  let out = '';
  for (const t of tokens.slice(start)) {
    out += t.raw;
    if (t.kind === 'start' && !t.selfClosing) depth++;
    if (t.kind === 'end') depth--;
    if (depth === 0) return out;
  }
  return out;
}

const norm = (s: string): string => s.replace(/[\s\u00a0]+/gu, ' ').trim();

/** Each marker with the elements open around it. */
function markersWithAncestors(xhtml: string): Array<{ page: string; label: string; ancestors: Token[] }> {
  const stack: Token[] = [];
  const out: Array<{ page: string; label: string; ancestors: Token[] }> = [];
  for (const t of tokenize(xhtml)) {
    if (t.kind === 'start') {
      if (t.attrs.get('role') === 'doc-pagebreak') {
        out.push({ page: t.attrs.get('id') ?? '', label: t.attrs.get('aria-label') ?? '', ancestors: [...stack] });
        expect(t.attrs.get('epub:type'), 'pagebreak epub:type').toBe('pagebreak');
      }
      if (!t.selfClosing) stack.push(t);
    } else if (t.kind === 'end') stack.pop();
  }
  return out;
}

/** Every marker sits where its `PageStart` says: at the top, before the block, or after exactly `offset` characters of it. */
function expectMarkersAtPageStarts(book: Book, input: EpubRenderInput): void {
  const all = book.spine.map((d) => d.xhtml).join('\n');
  for (const ps of input.pageStarts) {
    const marker = `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${ps.page}" aria-label="${ps.page}"></span>`;
    if (ps.blockId === 'letterhead') {
      expect(book.spine[0]!.xhtml).toMatch(new RegExp(`<body[^>]*>\\n${marker}`, 'u'));
      continue;
    }
    if (ps.offset === 0) {
      expect(all, `page ${ps.page}`).toMatch(new RegExp(`${marker}<[a-z0-9]+ [^>]*id="${ps.blockId}"`, 'u'));
      continue;
    }
    const element = elementById(all, ps.blockId) ?? '';
    expect(element, `page ${ps.page} in ${ps.blockId}`).toContain(marker);
    const before = readingText(element.slice(0, element.indexOf(marker)));
    const { letter } = input;
    const annex = letter.annex;
    const blocks = [
      ...(letter.salutation ? [letter.salutation] : []), ...letter.body, ...(letter.closing ? [letter.closing] : []),
      ...(annex?.intro ?? []), ...(annex?.parts ?? []), ...(annex?.parts.flatMap((p) => p.content) ?? []),
    ];
    const block = blocks.find((b) => b.id === ps.blockId);
    const signatory = letter.signatories.find((x) => x.id === ps.blockId);
    const full = block ? blockText(block) : signatory ? signatoryText(signatory) : undefined;
    if (full === undefined) throw new Error(`page ${ps.page}: test cannot find ${ps.blockId}`);
    expect(norm(before)).toBe(norm(full.slice(0, ps.offset)));
  }
}

// ---------------------------------------------------------------- synthetic page starts

/** Block ids in document order (`b1`, `b2` … are handed out in reading order). */
const idNumber = (id: string): number => Number(id.replace(/^b/u, ''));

/**
 * Page starts that hit every kind of position: the letterhead, a heading, the middle of a
 * paragraph (at a word), a list item, the text of an answer (through its part id), a question
 * label, the signature.
 */
export function syntheticPageStarts(letter: Letter): PageStart[] {
  const picks: Array<{ blockId: string; offset: number }> = [];
  const atWord = (text: string, fraction: number): number => {
    const i = text.indexOf(' ', Math.floor(text.length * fraction));
    return i < 0 ? 0 : i + 1;
  };
  const heading = letter.body.find((b) => b.type === 'heading');
  if (heading) picks.push({ blockId: heading.id, offset: 0 });
  const paragraphs = [...letter.body, ...(letter.annex?.parts.flatMap((p) => p.content) ?? [])].filter((b) => b.type === 'paragraph');
  const longest = [...paragraphs].sort((a, b) => blockText(b).length - blockText(a).length)[0];
  if (longest) picks.push({ blockId: longest.id, offset: atWord(blockText(longest), 0.5) });
  const list = letter.body.find((b) => b.type === 'list');
  if (list && list.type === 'list' && list.items.length > 1) picks.push({ blockId: list.id, offset: (list.items[0]?.content.length ? blockText({ ...list, items: list.items.slice(0, 1) }).length : 0) + 1 });
  const answer = letter.annex?.parts.find((p) => p.type === 'answer' && p.content.length > 0 && p.content[0]?.id !== longest?.id);
  if (answer) picks.push({ blockId: answer.id, offset: answer.label.length + 1 + atWord(blockText(answer.content[0]!), 0.3) });
  const question = letter.annex?.parts.filter((p) => p.type === 'question').at(-1);
  if (question) picks.push({ blockId: question.id, offset: 0 });
  const signatory = letter.signatories[0];
  if (signatory) picks.push({ blockId: signatory.id, offset: 0 });
  const unique = [...new Map(picks.map((p) => [p.blockId, p])).values()].sort((a, b) => idNumber(a.blockId) - idNumber(b.blockId) || a.offset - b.offset);
  return [{ page: 1, blockId: 'letterhead', offset: 0 }, ...unique.map((p, i) => ({ page: i + 2, ...p }))];
}

// ---------------------------------------------------------------- the samples

interface Sample {
  file: string;
  input: EpubRenderInput;
  bytes: Uint8Array;
  book: Book;
  check?: CheckResult;
}

const samples: Sample[] = [];
let checker: CheckSession | undefined;
let dir: string;

async function inputFor(path: string, pageStarts?: (l: Letter) => PageStart[]): Promise<EpubRenderInput> {
  const { letter } = await parseLetterFile(path);
  const base = { letter, meta: letterMetadata(letter, loadTheme().t), theme: loadTheme() };
  return { ...base, pageStarts: (pageStarts ?? syntheticPageStarts)(letter), pdfFileName: `${letter.source.stem}.pdf` };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rijkspers-render-epub-'));
  checker = await openEpubChecker();
  for (const file of SAMPLES) {
    const input = await inputFor(join(INPUT_DIR, file));
    const bytes = await renderEpub(input);
    const path = join(dir, `${input.letter.source.stem}.epub`);
    writeFileSync(path, bytes);
    samples.push({ file, input, bytes, book: readBook(bytes), check: await checker.check(path) });
  }
});

afterAll(async () => {
  await checker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(SAMPLES)('EPUB of %s', (file) => {
  const sample = (): Sample => {
    const s = samples.find((x) => x.file === file);
    if (!s) throw new Error(`${file} was not rendered`);
    return s;
  };

  it('passes EPUBCheck with 0 errors and 0 warnings, and Ace with 0 violations', () => {
    const { check } = sample();
    expect(toolsRun(check)).toEqual([['epubcheck', true, undefined], ['ace', true, undefined]]);
    expect(failing(check)).toEqual([]);
    expect(check?.passed).toBe(true);
  });

  it('has every word of the letter, in order', () => {
    const { input, book } = sample();
    const text = book.spine.map((d) => readingText(bodyOf(d.xhtml))).join('\n');
    expect(text).not.toMatch(/[\uFDD0\uFDD1]/u);
    const have = splitWords(text);
    let at = 0;
    for (const word of letterWords(input.letter)) {
      const found = have.indexOf(word, at);
      expect(found, `"${word}" (after word ${at}: "${have.slice(Math.max(0, at - 5), at).join(' ')}")`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('is split into the letter and the Q&A annex', () => {
    const { input, book } = sample();
    expect(book.spine.map((d) => d.href)).toEqual(input.letter.annex ? ['brief.xhtml', 'bijlage.xhtml'] : ['brief.xhtml']);
    const letterDoc = book.spine[0]!.xhtml;
    expect(letterDoc).toMatch(/<h1 class="subject">/u);
    expect(readingText(elementById(letterDoc, 'letterhead') ?? '')).toContain(input.letter.subject.text);
    if (input.letter.annex) {
      const annexDoc = book.spine[1]!.xhtml;
      expect((annexDoc.match(/<h1[\s>]/gu) ?? []).length).toBe(1);
      for (const part of input.letter.annex.parts) expect(elementById(annexDoc, part.id), part.label).toMatch(new RegExp(`^<div[^>]*>\\s*<h2 class="qa-label">${part.label}</h2>`, 'u'));
    }
  });

  it('has headings without gaps in every document', () => {
    for (const doc of sample().book.spine) {
      const levels = [...doc.xhtml.matchAll(/<h([1-6])[\s>]/gu)].map((m) => Number(m[1]));
      expect(levels[0], doc.href).toBe(1);
      levels.forEach((level, i) => { if (i > 0) expect(level, `${doc.href} heading ${i}`).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1); });
    }
  });

  it('gives the reference fields as a labelled list', () => {
    const { input, book } = sample();
    const refcol = book.spine[0]!.xhtml.match(/<dl class="fields">[\s\S]*?<\/dl>/u)?.[0] ?? '';
    const labels = [...refcol.matchAll(/<dt>([^<]*)<\/dt>/gu)].map((m) => decodeEntities(m[1] ?? ''));
    expect(labels).toEqual(input.letter.fields.map((f) => f.label));
  });

  it('links every note call to its footnote and every footnote back to each call', () => {
    const { input, book } = sample();
    const docs = new Map(book.spine.map((d) => [d.href, d.xhtml]));
    const resolve = (from: string, href: string): { doc: string; id: string } => {
      const [file, id] = href.includes('#') ? href.split('#') : [href, ''];
      return { doc: file || from, id: id ?? '' };
    };
    let calls = 0;
    for (const [href, xhtml] of docs) {
      for (const t of tokenize(xhtml)) {
        if (t.kind !== 'start') continue;
        const role = t.attrs.get('role') ?? '';
        expect(role.split(/\s+/u)).not.toContain('doc-endnote');
        if (role === 'doc-noteref') {
          calls++;
          expect(t.attrs.get('epub:type')).toBe('noteref');
          const target = resolve(href, t.attrs.get('href') ?? '');
          const note = elementById(docs.get(target.doc) ?? '', target.id);
          expect(note, `${href} → ${t.attrs.get('href')}`).toMatch(/^<aside [^>]*role="doc-footnote" epub:type="footnote"|^<aside [^>]*epub:type="footnote"[^>]*role="doc-footnote"/u);
          // The note has a back-link to this very call.
          const backs = [...(note ?? '').matchAll(/<a [^>]*href="([^"]*)"[^>]*role="doc-backlink"/gu)].map((m) => resolve(target.doc, m[1] ?? ''));
          expect(backs).toContainEqual({ doc: href, id: t.attrs.get('id') });
        }
      }
    }
    expect(calls).toBe(input.letter.notes.reduce((n, note) => n + note.refIds.length, 0));
    const asides = book.spine.flatMap((d) => [...d.xhtml.matchAll(/<aside [^>]*role="doc-footnote"/gu)]);
    expect(asides.length).toBe(input.letter.notes.length);
  });

  it('has one page-list entry per PDF page, in order, each at a page-break marker', () => {
    const { input, book } = sample();
    const pageList = book.nav.match(/<nav epub:type="page-list" role="doc-pagelist"[\s\S]*?<\/nav>/u)?.[0] ?? '';
    const entries = [...pageList.matchAll(/<li><a href="([^"#]+)#([^"]+)">([^<]+)<\/a><\/li>/gu)].map((m) => ({ file: m[1] ?? '', id: m[2] ?? '', label: m[3] ?? '' }));
    expect(entries.map((e) => e.label)).toEqual(input.pageStarts.map((p) => String(p.page)));
    for (const e of entries) {
      const doc = book.spine.find((d) => d.href === e.file)?.xhtml ?? '';
      expect(elementById(doc, e.id), e.id).toBe(`<span epub:type="pagebreak" role="doc-pagebreak" id="${e.id}" aria-label="${e.label}"></span>`);
    }
    // Markers appear in reading order, never inside a heading.
    const markers = book.spine.flatMap((d) => markersWithAncestors(d.xhtml));
    expect(markers.map((m) => m.label)).toEqual(input.pageStarts.map((p) => String(p.page)));
    for (const m of markers) expect(m.ancestors.map((a) => (a.kind === 'start' ? a.name : '')), m.page).not.toEqual(expect.arrayContaining([expect.stringMatching(/^h[1-6]$/u)]));
  });

  it('puts each marker where its page begins', () => {
    const { input, book } = sample();
    expectMarkersAtPageStarts(book, input);
  });

  it('has a table of contents reaching every heading and every question, and landmarks', () => {
    const { input, book } = sample();
    const toc = book.nav.match(/<nav epub:type="toc" role="doc-toc"[\s\S]*?<\/nav>/u)?.[0] ?? '';
    const labels = [...toc.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/gu)].map((m) => decodeEntities(m[2] ?? ''));
    const headings = book.spine.flatMap((d) => [...d.xhtml.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/gu)].map((m) => norm(readingText(m[1] ?? ''))));
    expect(labels.map(norm)).toEqual(headings);
    const parts = input.letter.annex?.parts.map((p) => p.label) ?? [];
    expect(labels.filter((l) => parts.includes(l))).toEqual(parts);
    for (const m of toc.matchAll(/href="([^"#]+)(?:#([^"]+))?"/gu)) {
      const doc = book.spine.find((d) => d.href === m[1]);
      expect(doc, m[0]).toBeDefined();
      if (m[2]) expect(elementById(doc!.xhtml, m[2]), m[0]).toBeDefined();
    }
    expect(book.nav).toMatch(/<nav epub:type="landmarks"[\s\S]*epub:type="toc" href="toc.xhtml#toc"[\s\S]*epub:type="bodymatter" href="brief.xhtml"/u);
  });

  it('describes itself in the package document', () => {
    const { input, book } = sample();
    const { meta, letter } = input;
    const opf = book.opf;
    const one = (re: RegExp): string => decodeEntities(re.exec(opf)?.[1] ?? '');
    expect(one(/<package [^>]*xml:lang="([^"]+)"/u)).toBe('nl');
    expect(one(/<dc:language>([^<]+)</u)).toBe('nl');
    expect(one(/<dc:title id="title">([^<]+)</u)).toBe(letter.subject.text);
    expect(one(/<dc:creator id="creator">([^<]+)</u)).toBe(letter.sender.organisation.text);
    expect(one(/<dc:date>([^<]+)</u)).toBe(meta.isoDate);
    expect(one(/<meta property="dcterms:modified">([^<]+)</u)).toBe(`${meta.isoDate}T00:00:00Z`);
    expect(one(/<dc:description>([^<]+)</u)).toBe(meta.description);
    expect(one(/<dc:identifier id="uid">([^<]+)</u)).toBe(`urn:rijkspers:${meta.ourReference ?? letter.source.stem}`);
    expect(opf).toContain(`<dc:source id="src">${letter.source.stem}.pdf</dc:source>`);
    expect(opf).toContain('<meta refines="#src" property="source-of">pagination</meta>');
    expect(opf).not.toContain('pageBreakSource');
    for (const feature of ['structuralNavigation', 'tableOfContents', 'readingOrder', 'printPageNumbers', 'pageNavigation']) {
      expect(opf).toContain(`<meta property="schema:accessibilityFeature">${feature}</meta>`);
    }
  });

  it('embeds Fira Sans and lets the reader choose sizes and colours', () => {
    const { book } = sample();
    const css = textOf(book.files, 'OEBPS/style.css');
    const fontFiles = [...book.opf.matchAll(/href="(fonts\/[^"]+\.woff2)" media-type="font\/woff2"/gu)].map((m) => m[1] ?? '');
    expect(fontFiles.length).toBe(4);
    for (const f of fontFiles) {
      expect(book.files.get(`OEBPS/${f}`)?.length).toBeGreaterThan(10_000);
      expect(css).toContain(`url("${f}")`);
    }
    expect(css).toMatch(/font-family: "Fira Sans"/u);
    // Relative sizes only; no colour or background that would override a reading-system theme.
    expect(css).not.toMatch(/font-size:\s*[\d.]+(px|pt)/u);
    expect(css).not.toMatch(/(^|[\s;{])(color|background(-color)?):/mu);
  });

  it('is byte-identical when rendered again', async () => {
    const { input, bytes } = sample();
    const again = await renderEpub(await inputFor(join(INPUT_DIR, file)));
    expect(again.length).toBe(bytes.length);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(input.pageStarts.length).toBeGreaterThan(1);
  });
});

describe('page anchors', () => {
  const text = [
    'Aan de Voorzitter', 'Datum', '1 maart 2026', 'Betreft', 'Ankers', '', 'Ministerie van Ankers', '',
    'Geachte voorzitter,', '', '1. Eerste kop', 'Een alinea met een link naar www.example.nl en verder.', '',
    '- eerste punt', '- tweede punt', '',
    'Met vriendelijke groet,', '', 'De minister van Ankers,', '', '', 'A. Anker', '', '',
    'Antwoorden van de minister van Ankers op vragen van het lid Haak.', '',
    'Vraag 1', 'Is dit een vraag?', '', 'Antwoord', 'Ja, dit is een antwoord.', '',
  ].join('\n');
  const { letter } = parseLetterText('ankers.txt', Buffer.from(text));
  const find = (pred: (b: { type: string }) => boolean): { id: string } => letter.body.find(pred) as { id: string };

  it('go before a heading, also for an offset inside it', () => {
    const heading = find((b) => b.type === 'heading');
    expect(resolvePageStarts(letter, [{ page: 2, blockId: heading.id, offset: 4 }])).toEqual([{ page: 2, kind: 'before', elementId: heading.id }]);
  });

  it('go inside a paragraph at the offset, and before a link rather than into it', () => {
    const p = find((b) => b.type === 'paragraph');
    const [a] = resolvePageStarts(letter, [{ page: 3, blockId: p.id, offset: 4 }]);
    expect(a).toEqual({ page: 3, kind: 'inline', blockId: p.id, path: { in: 'paragraph' }, offset: 4 });
    const run = [{ type: 'text', text: 'Een link naar ' }, { type: 'link', text: 'www.example.nl' }, { type: 'text', text: ' en verder.' }];
    insertIntoInlines(run, 4, '|');
    expect(run[0]).toEqual({ type: 'text', text: 'Een |link naar ' });
    insertIntoInlines(run, 20, '#');
    expect(run.map((r) => r.text)).toEqual(['Een |link naar ', '#', 'www.example.nl', ' en verder.']);
  });

  it('go into the right list item', () => {
    const list = find((b) => b.type === 'list');
    const [a] = resolvePageStarts(letter, [{ page: 4, blockId: list.id, offset: 'eerste punt'.length + 1 }]);
    expect(a).toEqual({ page: 4, kind: 'inline', blockId: list.id, path: { in: 'item', indices: [1] }, offset: 0 });
  });

  it('go before a question or answer whose label starts the page, and into its text otherwise', () => {
    const answer = letter.annex!.parts.find((p) => p.type === 'answer')!;
    expect(resolvePageStarts(letter, [{ page: 5, blockId: answer.id, offset: 3 }])).toEqual([{ page: 5, kind: 'before', elementId: answer.id }]);
    const inner = answer.content[0]!.id;
    expect(resolvePageStarts(letter, [{ page: 5, blockId: answer.id, offset: 'Antwoord'.length + 1 + 4 }]))
      .toEqual([{ page: 5, kind: 'inline', blockId: inner, path: { in: 'paragraph' }, offset: 4 }]);
  });

  it('refuse a block the letter does not have, and a page given twice', () => {
    expect(() => resolvePageStarts(letter, [{ page: 1, blockId: 'b999', offset: 0 }])).toThrow(/b999/u);
    expect(() => resolvePageStarts(letter, [{ page: 1, blockId: 'letterhead', offset: 0 }, { page: 1, blockId: 'notes', offset: 0 }])).toThrow(/twice/u);
  });
});

describe('a letter with notes in both documents, an uncalled source and a two-line signature', () => {
  const text = [
    'Aan de Voorzitter', 'Datum', '1 maart 2026', 'Betreft', 'Ankers', '', 'Ministerie van Ankers', '',
    'Onze referentie', 'AN/2026 1', '',
    'Geachte voorzitter,', '', '1. Eerste kop', 'Een alinea met een noot.[footnoteRef:1] En verder. [1:  De eerste noot.]', '',
    '- eerste punt', '- tweede punt', '',
    'Met vriendelijke groet,', '', 'De minister van Ankers,', 'namens deze,', '', '', 'A. Anker', '', '',
    'Antwoorden van de minister van Ankers op vragen van het lid Haak.', '',
    'Vraag 1', 'Is dit een vraag?[1]', '', 'Antwoord', 'Ja, dit is een antwoord.[footnoteRef:2] [2:  De tweede noot.]', '',
    '[1] Een bron.', '[2] Een bron die niemand noemt.',
  ].join('\n');

  let book: Book;
  let result: CheckResult;
  let letter: Letter;
  beforeAll(async () => {
    letter = parseLetterText('ankers.txt', Buffer.from(text)).letter;
    const list = letter.body.find((b) => b.type === 'list')!;
    const signatory = letter.signatories[0]!;
    const pageStarts: PageStart[] = [
      { page: 1, blockId: 'letterhead', offset: 0 },
      { page: 2, blockId: list.id, offset: 'eerste punt'.length + 1 + 'tweede '.length },
      { page: 3, blockId: signatory.id, offset: 'De minister van Ankers,'.length + 1 + 'namens '.length },
      { page: 4, blockId: 'notes', offset: 0 },
    ];
    const bytes = await renderEpub({ letter, meta: letterMetadata(letter, loadTheme().t), theme: loadTheme(), pageStarts, pdfFileName: 'ankers.pdf' });
    book = readBook(bytes);
    const path = join(dir, 'ankers.epub');
    writeFileSync(path, bytes);
    result = await checker!.check(path);
  });

  it('is valid and accessible', () => {
    expect(failing(result)).toEqual([]);
    // No violation from a tool that did not run is no pass: both must have run.
    expect(toolsRun(result)).toEqual([['epubcheck', true, undefined], ['ace', true, undefined]]);
    expect(result.passed).toBe(true);
  });

  it('keeps each note with the document of its first call; an uncalled one goes last', () => {
    const [brief, bijlage] = [book.spine[0]!.xhtml, book.spine[1]!.xhtml];
    expect(elementById(brief, 'fn-1')).toMatch(/^<aside /u);
    for (const id of ['fn-2', 'src-1', 'src-2']) expect(elementById(bijlage, id), id).toMatch(/^<aside /u);
    expect(elementById(brief, 'fn-2')).toBeUndefined();
    // Each notes section is labelled only by headings its own document has.
    expect(brief).toMatch(/<section class="notes" id="notes"[^>]* aria-labelledby="noten-voetnoten">/u);
    expect(bijlage).toMatch(/<section class="notes" id="notes"[^>]* aria-labelledby="noten-voetnoten noten-bronnen">/u);
  });

  it('puts markers into a list item, into the second signature line and before the last notes', () => {
    const [brief, bijlage] = [book.spine[0]!.xhtml, book.spine[1]!.xhtml];
    const marker = (n: number): string => `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${n}" aria-label="${n}"></span>`;
    expect(brief).toContain(`<li>tweede ${marker(2)}punt</li>`);
    const signature = elementById(brief, letter.signatories[0]!.id) ?? '';
    expect(norm(readingText(signature.slice(0, signature.indexOf(marker(3)))))).toBe('De minister van Ankers, namens');
    expect(bijlage).toContain(`${marker(4)}<section class="notes" id="notes"`);
  });

  it('derives the identifier from our reference, URN-safe', () => {
    expect(book.opf).toContain('<dc:identifier id="uid">urn:rijkspers:AN%2F2026%201</dc:identifier>');
  });
});

describe('with the page starts of the real PDF', () => {
  it.each(SAMPLES)('%s: page-list = PDF pages, EPUBCheck and Ace clean', async (file) => {
    const input = await inputFor(join(INPUT_DIR, file));
    const pdf = await renderPdf(input);
    const bytes = await renderEpub({ ...input, pageStarts: pdf.pageStarts });
    const book = readBook(bytes);
    const labels = [...(book.nav.match(/<nav epub:type="page-list"[\s\S]*?<\/nav>/u)?.[0] ?? '').matchAll(/#page-(\d+)">(\d+)</gu)].map((m) => Number(m[2]));
    expect(labels).toEqual(Array.from({ length: pdf.pageCount }, (_, i) => i + 1));
    expectMarkersAtPageStarts(book, { ...input, pageStarts: pdf.pageStarts });
    const path = join(dir, `${input.letter.source.stem}-real.epub`);
    writeFileSync(path, bytes);
    const result = await checker!.check(path);
    expect(failing(result)).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
