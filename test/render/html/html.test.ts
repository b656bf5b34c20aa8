import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Inline, Letter, List } from '../src/model/ast.js';
import { letterMetadata } from '../src/model/metadata.js';
import { letterWords, splitWords } from '../src/model/text.js';
import { parseLetterFile, parseLetterText } from '../src/parse/parse-letter.js';
import { renderHtml } from '../src/render/html.js';
import { createMarkup, isSafeHref, letterView } from '../src/render/markup.js';
import { loadTheme } from '../src/render/theme.js';
import type { RenderInput } from '../src/render/types.js';
import {
  all, byTag, hasClass, isInside, normalized, one, parseMarkup, textOf, type El,
} from './fixtures/html/mini-dom.js';

const theme = loadTheme();
const INPUT_DIR = join(import.meta.dirname, '..', 'input');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'html');
const REFERENCE = '000_4c8a1616a76a7555.txt';

function inputFor(letter: Letter): RenderInput {
  return { letter, meta: letterMetadata(letter, loadTheme().t, {}), theme };
}

function parseText(name: string, text: string): Letter {
  return parseLetterText(name, Buffer.from(text, 'utf8')).letter;
}

const crafted = readFileSync(join(FIXTURES, 'crafted-letter.txt'), 'utf8');

interface Case { name: string; letter: Letter; html: string; dom: El; body: El }

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  const letters: [string, Letter][] = [];
  for (const f of readdirSync(INPUT_DIR).filter((n) => n.endsWith('.txt')).sort()) {
    letters.push([f, (await parseLetterFile(join(INPUT_DIR, f))).letter]);
  }
  letters.push(['crafted-letter.txt', parseText('crafted-letter.txt', crafted)]);
  for (const [name, letter] of letters) {
    const html = renderHtml(inputFor(letter));
    const dom = parseMarkup(html);
    out.push({ name, letter, html, dom, body: one(dom, byTag('body'), 'body') });
  }
  return out;
}

const all_cases = await cases();

/** Every link target the letter itself contains (sender, fields, body, annex, notes). */
function letterLinks(letter: Letter): Set<string> {
  const out = new Set<string>();
  const inl = (content: readonly Inline[]): void => {
    for (const n of content) if (n.type === 'link') out.add(n.href);
  };
  const list = (l: List): void => {
    for (const item of l.items) {
      inl(item.content);
      if (item.children) list(item.children);
    }
  };
  const blocks = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.type === 'paragraph' || b.type === 'heading') inl(b.content);
      else if (b.type === 'list') list(b);
    }
  };
  [letter.sender.organisation, ...letter.sender.units, ...letter.sender.address, ...letter.fields.flatMap((f) => f.values)]
    .forEach((l) => inl(l.content));
  if (letter.salutation) inl(letter.salutation.content);
  blocks(letter.body);
  if (letter.annex) {
    if (letter.annex.title) inl(letter.annex.title.content);
    blocks(letter.annex.intro);
    letter.annex.parts.forEach((p) => blocks(p.content));
  }
  letter.notes.forEach((n) => inl(n.content));
  return out;
}

function allLists(blocks: readonly Block[]): List[] {
  const out: List[] = [];
  const add = (l: List): void => {
    out.push(l);
    for (const item of l.items) if (item.children) add(item.children);
  };
  for (const b of blocks) if (b.type === 'list') add(b);
  return out;
}

const byId = (dom: El, id: string): El | undefined => all(dom, (e) => e.attrs.id === id)[0];
const headingLevel = (e: El): number => Number(e.tag.slice(1));
const isHeading = (e: El): boolean => /^h[1-6]$/u.test(e.tag);

describe.each(all_cases.map((c) => [c.name, c] as const))('HTML of %s', (_name, c) => {
  it('has the document metadata: lang, title, author, description, date', () => {
    const html = one(c.dom, byTag('html'), 'html');
    expect(html.attrs.lang).toBe('nl');
    const meta = letterMetadata(c.letter, loadTheme().t, {});
    const head = one(c.dom, byTag('head'), 'head');
    expect(normalized(textOf(one(head, byTag('title'), 'title')))).toBe(normalized(c.letter.subject.text));
    const metaNamed = (name: string): string | undefined => all(c.dom, (e) => e.tag === 'meta' && e.attrs.name === name)[0]?.attrs.content;
    expect(metaNamed('author')).toBe(c.letter.sender.organisation.text);
    expect(metaNamed('description')).toBe(meta.description);
    expect(metaNamed('viewport')).toBe('width=device-width, initial-scale=1');
    const time = all(c.body, byTag('time'));
    if (c.letter.date.iso) {
      expect(time).toHaveLength(1);
      expect(time[0]!.attrs.datetime).toBe(c.letter.date.iso);
      expect(textOf(time[0]!)).toBe(c.letter.date.text);
    } else {
      // A date that is not a recognisable date is shown as written, never as a wrong <time>.
      expect(time).toEqual([]);
    }
  });

  it('has one h1, the Betreft line, and headings without gaps', () => {
    const h1 = all(c.body, byTag('h1'));
    expect(h1).toHaveLength(1);
    expect(normalized(textOf(h1[0]!))).toBe(normalized(c.letter.subject.text));
    const levels = all(c.body, isHeading).map(headingLevel);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeLessThanOrEqual(levels[i - 1]! + 1);
    // Body headings keep their text and order.
    const bodyHeadings = c.letter.body.filter((b) => b.type === 'heading');
    for (const h of bodyHeadings) {
      const el = byId(c.dom, h.id);
      expect(el && isHeading(el)).toBe(true);
    }
  });

  it('has landmarks: banner, one main with the skip link target, a labelled reference column', () => {
    const mains = all(c.body, byTag('main'));
    expect(mains).toHaveLength(1);
    const main = mains[0]!;
    const header = one(c.body, byTag('header'), 'header');
    expect(isInside(header, main)).toBe(false);
    expect(textOf(header)).toContain(c.letter.sender.organisation.text);
    const firstLink = all(c.body, byTag('a'))[0]!;
    expect(firstLink.attrs.class).toBe('skip-link');
    expect(byId(c.dom, firstLink.attrs.href!.slice(1))).toBe(main);
    const refcol = one(c.body, hasClass('refcol'), 'reference column');
    expect(refcol.tag).toBe('section');
    const label = byId(c.dom, refcol.attrs['aria-labelledby']!);
    expect(normalized(textOf(label!))).toBe(theme.t('referenceColumn'));
    // Every field: label bold (dt) with its values.
    const dts = all(refcol, byTag('dt')).map((e) => normalized(textOf(e)));
    expect(dts).toEqual(c.letter.fields.map((f) => f.label));
    const dds = all(refcol, byTag('dd')).map((e) => normalized(textOf(e)));
    expect(dds).toEqual(c.letter.fields.map((f) => normalized(f.values.map((v) => v.text).join(' '))));
  });

  it('has unique ids and every in-page link resolves', () => {
    const ids = all(c.dom, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id!);
    expect(new Set(ids).size).toBe(ids.length);
    const fragments = all(c.dom, (e) => e.tag === 'a' && (e.attrs.href ?? '').startsWith('#'));
    expect(fragments.length).toBeGreaterThan(0);
    for (const a of fragments) expect(ids, a.attrs.href).toContain(a.attrs.href!.slice(1));
    // aria-labelledby targets too.
    for (const e of all(c.dom, (x) => x.attrs['aria-labelledby'] !== undefined)) {
      for (const id of e.attrs['aria-labelledby']!.split(/\s+/u)) expect(ids).toContain(id);
    }
  });

  it('links only to http(s), mailto or the page itself, and only to the letter\'s own addresses', () => {
    const own = letterLinks(c.letter);
    const external = new Set<string>();
    for (const a of all(c.dom, (e) => e.attrs.href !== undefined)) {
      const href = a.attrs.href!;
      expect(href).toMatch(/^(?:#|https?:\/\/|mailto:)/u);
      if (!href.startsWith('#')) external.add(href);
    }
    expect([...external].sort()).toEqual([...own].sort());
    expect(all(c.dom, (e) => e.attrs.src !== undefined)).toEqual([]);
    expect(c.html).not.toMatch(/<script|<link\b|<iframe|<img\b/iu);
    const style = textOf(one(c.dom, byTag('style'), 'style')).replace(/\/\*[\s\S]*?\*\//gu, '');
    expect(style).toContain('url(data:');
    for (const m of style.matchAll(/url\(([^)]*)\)/gu)) expect(m[1]).toMatch(/^data:/u);
  });

  it('has a Content-Security-Policy that allows exactly its inline style and data: fonts', () => {
    const csp = all(c.dom, (e) => e.tag === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(csp).toHaveLength(1);
    const policy = csp[0]!.attrs.content!;
    const style = one(c.dom, byTag('style'), 'style').children[0] as string;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(policy).toContain(`default-src 'none'`);
    expect(policy).toContain(`style-src 'sha256-${hash}'`);
    expect(policy).toContain('font-src data:');
    expect(policy).not.toMatch(/script-src|unsafe/u);
    // The CSP meta comes before the style it governs.
    expect(c.html.indexOf('Content-Security-Policy')).toBeLessThan(c.html.indexOf('<style>'));
  });

  it('embeds Fira Sans latin and latin-ext as woff2 data URIs', () => {
    const style = textOf(one(c.dom, byTag('style'), 'style'));
    const faces = style.match(/@font-face\s*\{[^}]*\}/gu) ?? [];
    expect(faces).toHaveLength(4);
    for (const f of faces) {
      expect(f).toContain('font-family: "Fira Sans"');
      expect(f).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\("woff2"\)/u);
      expect(f).toMatch(/unicode-range: U\+/u);
    }
    // latin-ext covers ł (U+0142), ğ (U+011F), ş (U+015F): the range U+0100-02BA is there for 400 and 700.
    expect(faces.filter((f) => f.includes('U+0100-02BA')).map((f) => /font-weight: (\d+)/u.exec(f)?.[1]).sort()).toEqual(['400', '700']);
  });

  it('links every note call to its note and every note back to each of its calls', () => {
    const calls = all(c.body, (e) => e.attrs.role === 'doc-noteref');
    const notes = all(c.body, (e) => e.attrs.role === 'doc-footnote');
    expect(notes.map((n) => n.attrs.id)).toEqual(c.letter.notes.map((n) => n.id));
    expect(c.letter.notes.length).toBeGreaterThan(0);
    const section = one(c.body, (e) => e.attrs.role === 'doc-endnotes', 'endnotes section');
    expect(section.tag).toBe('section');
    for (const n of notes) expect(isInside(n, section)).toBe(true);
    for (const call of calls) {
      const target = byId(c.dom, call.attrs.href!.slice(1))!;
      expect(target.attrs.role).toBe('doc-footnote');
      expect(call.tag).toBe('a');
      expect(call.attrs['aria-label']).toMatch(/^(Voetnoot|Bron) \d+$/u);
    }
    for (const note of c.letter.notes) {
      const el = byId(c.dom, note.id)!;
      const back = all(el, (e) => e.attrs.role === 'doc-backlink').map((e) => e.attrs.href);
      expect(back).toEqual(note.refIds.map((r) => `#${r}`));
      for (const refId of note.refIds) expect(byId(c.dom, refId)!.attrs.href).toBe(`#${note.id}`);
      expect(normalized(textOf(el))).toContain(normalized(note.content.map((i) => (i.type === 'noteRef' ? i.label : i.text)).join('')));
    }
    expect(calls).toHaveLength(c.letter.notes.reduce((sum, n) => sum + n.refIds.length, 0));
    // Footnotes and sources in their own lists.
    const fnLists = all(section, hasClass('notes-footnotes'));
    const srcLists = all(section, hasClass('notes-sources'));
    expect(fnLists).toHaveLength(c.letter.notes.some((n) => n.kind === 'footnote') ? 1 : 0);
    expect(srcLists).toHaveLength(c.letter.notes.some((n) => n.kind === 'source') ? 1 : 0);
    for (const l of fnLists) for (const n of all(l, (e) => e.attrs.role === 'doc-footnote')) expect(n.attrs.id).toMatch(/^fn-\d+$/u);
    for (const l of srcLists) for (const n of all(l, (e) => e.attrs.role === 'doc-footnote')) expect(n.attrs.id).toMatch(/^src-\d+$/u);
  });

  it('renders lists as ol/ul with start, style and nesting', () => {
    const lists = allLists([...c.letter.body, ...(c.letter.annex?.parts.flatMap((p) => p.content) ?? [])]);
    for (const list of lists) {
      const el = byId(c.dom, list.id)!;
      expect(el.tag).toBe(list.ordered ? 'ol' : 'ul');
      if (list.ordered) {
        expect(el.attrs.start).toBe(String(list.start));
        expect((el.attrs.class ?? '').includes('list-paren')).toBe(list.suffix === ')');
      }
      const items = el.children.filter((x): x is El => typeof x !== 'string');
      expect(items.every((i) => i.tag === 'li')).toBe(true);
      expect(items).toHaveLength(list.items.length);
      list.items.forEach((item, i) => {
        if (item.children) expect(byId(c.dom, item.children.id)!.parent).toBe(items[i]);
      });
    }
  });

  it('keeps the Q&A labels exactly as written, each a heading under the annex title', () => {
    if (!c.letter.annex) {
      expect(all(c.body, hasClass('annex'))).toEqual([]);
      return;
    }
    const annex = byId(c.dom, c.letter.annex.id)!;
    const title = all(annex, isHeading)[0]!;
    expect(title.tag).toBe('h2');
    if (c.letter.annex.title) expect(normalized(textOf(title))).toBe(normalized(c.letter.annex.title.content.map((i) => (i.type === 'noteRef' ? i.label : i.text)).join('')));
    const labels = all(annex, hasClass('qa-label'));
    expect(labels.map((l) => textOf(l))).toEqual(c.letter.annex.parts.map((p) => p.label));
    for (const l of labels) expect(l.tag).toBe('h3');
  });

  it('has every word of the letter, in order', () => {
    const words = letterWords(c.letter);
    const htmlWords = splitWords(textOf(c.body));
    let at = 0;
    for (const [i, w] of words.entries()) {
      const found = htmlWords.indexOf(w, at);
      if (found < 0) {
        throw new Error(`word ${i} "${w}" missing after "${htmlWords.slice(Math.max(0, at - 8), at).join(' ')}"`);
      }
      at = found + 1;
    }
    expect(words.length).toBeGreaterThan(20);
  });

  it('is byte-identical when rendered again', () => {
    expect(renderHtml(inputFor(c.letter))).toBe(c.html);
  });
});

describe('HTML details', () => {
  const reference = all_cases.find((c) => c.name === REFERENCE)!;
  const craftedCase = all_cases.find((c) => c.name === 'crafted-letter.txt')!;

  it('publishes "Antwoord 7 en 8" of the reference letter as written', () => {
    const labels = all(reference.body, hasClass('qa-label')).map((l) => textOf(l));
    expect(labels).toContain('Antwoord 7 en 8');
    expect(labels.filter((l) => l.startsWith('Vraag'))).toHaveLength(10);
  });

  it('escapes text: no script element, < > & " as text', () => {
    const { html, dom } = craftedCase;
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain('Toezicht op &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;aanhalingstekens&quot;');
    expect(textOf(one(dom, byTag('h1'), 'h1'))).toBe('Toezicht op <script>alert("x")</script> & "aanhalingstekens" in brieven');
    expect(html).toContain('a &lt; b &amp;&amp; c &gt; d');
    expect(html).not.toMatch(/<b>vet<\/b>/u);
  });

  it('keeps no-break spaces and diacritics', () => {
    const text = textOf(craftedCase.body);
    expect(text).toContain('€\u00a05 miljoen');
    expect(text).toContain('10\u00a0%');
    expect(text).toContain('mr. Ł. Gümüş');
  });

  it('calls a note twice with two back-links', () => {
    const note = byId(craftedCase.dom, 'src-1')!;
    const back = all(note, (e) => e.attrs.role === 'doc-backlink');
    expect(back.map((b) => b.attrs.href)).toEqual(['#srcref-1', '#srcref-1-2']);
    expect(new Set(back.map((b) => b.attrs['aria-label'])).size).toBe(2);
  });

  it('renders a `3)` list with start 3 and a nested bullet list', () => {
    const ol = all(craftedCase.body, byTag('ol'))[0]!;
    expect(ol.attrs.start).toBe('3');
    expect(ol.attrs.class).toBe('list-decimal list-paren');
    const nested = all(craftedCase.body, (e) => e.tag === 'ul' && e.parent?.tag === 'li');
    expect(nested).toHaveLength(1);
    expect(nested[0]!.children.filter((x) => typeof x !== 'string')).toHaveLength(2);
    const style = textOf(one(craftedCase.dom, byTag('style'), 'style'));
    expect(style).toMatch(/@counter-style rp-decimal-paren\s*\{[^}]*suffix: "\) ";/u);
  });

  it('names the emblem with the logo alt text, or hides it when the alt is empty', () => {
    const svg = one(craftedCase.body, byTag('svg'), 'emblem');
    expect(svg.attrs.role).toBe('img');
    const title = byId(craftedCase.dom, svg.attrs['aria-labelledby']!)!;
    expect(title.tag).toBe('title');
    expect(textOf(title)).toBe('Logo Rijksoverheid');
    const plain = one(reference.body, byTag('svg'), 'emblem');
    expect(plain.attrs['aria-hidden']).toBe('true');
    expect(plain.attrs.role).toBeUndefined();
    expect(all(plain, byTag('title'))).toEqual([]);
  });

  it('closes heading gaps: a level-3 heading right after the h1 becomes h2', () => {
    // The parser already avoids gaps; the renderer must not rely on it.
    const letter = structuredClone(craftedCase.letter);
    const headings = letter.body.filter((b) => b.type === 'heading');
    expect(headings.map((h) => h.level)).toEqual([2, 3]);
    headings[0]!.level = 3;
    headings[1]!.level = 4;
    const dom = parseMarkup(renderHtml(inputFor(letter)));
    expect(headings.map((h) => byId(dom, h.id)!.tag)).toEqual(['h2', 'h3']);
  });

  it('never links an unsafe scheme, even if the model had one', () => {
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('https://example.org/a?b=1&c=2')).toBe(true);
    expect(isSafeHref('mailto:info@minbzk.nl')).toBe(true);
    const letter = structuredClone(craftedCase.letter);
    const line = letter.sender.address.find((l) => l.content.some((i) => i.type === 'link'))!;
    for (const i of line.content) if (i.type === 'link') i.href = 'javascript:alert(1)';
    const html = renderHtml(inputFor(letter));
    expect(html).not.toContain('javascript:');
    expect(textOf(one(parseMarkup(html), hasClass('sender-address'), 'address'))).toContain('www.rijksoverheid.nl');
  });

  it('renders the same partials as well-formed XHTML with epub:type for EPUB', () => {
    const markup = createMarkup(theme, { xhtml: true, epub: true });
    const xhtml = markup.partial('letter', letterView(inputFor(craftedCase.letter)));
    const dom = parseMarkup(`<root>${xhtml}</root>`, { xml: true });
    expect(xhtml).not.toMatch(/&(?!(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);)/iu);
    expect(xhtml).toContain('<br/>');
    expect(xhtml).not.toMatch(/<br>/u);
    const calls = all(dom, (e) => e.attrs.role === 'doc-noteref');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.attrs['epub:type']).toBe('noteref');
    for (const n of all(dom, (e) => e.attrs.role === 'doc-footnote')) expect(n.attrs['epub:type']).toBe('footnote');
    // The HTML environment adds none.
    expect(craftedCase.html).not.toContain('epub:type');
  });
});
