/**
 * Issue 10 (e): a letter with emoji and symbols (🙂 ✓ → ≥ and the combining enclosing circle of
 * "1⃝") publishes in all three formats. Fira Sans lacks them; the house style's fallback faces
 * (DejaVu Sans, then Noto Sans Symbols 2, Symbols, Math and Emoji) draw them, embedded, in the PDF
 * and in the HTML and EPUB alike. The PDF's text (pdftotext) and its tags carry every character;
 * the HTML embeds @font-face rules for exactly these characters. (The end-to-end run checks the
 * outputs of this letter with every checker.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineText } from '../../src/model/text.js';
import { fileText, readBook } from '../support/epub.js';
import { one, parseHtml, textOf } from '../support/html.js';
import { SYMBOLS, SYMBOL_CHARACTERS } from '../support/letters.js';
import { elementsOfType } from '../support/pdf/expect.js';
import { inspectPdf, tagText } from '../support/pdf/inspect.js';
import { renderAll } from '../support/render.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-symbols-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = await renderAll(SYMBOLS);
const pdfFile = join(dir, 'symbolen.pdf');
writeFileSync(pdfFile, all.pdf);
const { letter } = all.input;
const paragraphs = letter.body.filter((b) => b.type === 'paragraph').map((p) => inlineText(p.content));

/** Code points of a `unicode-range` (`U+2192, U+0100-02BA`). */
const ranges = (css: string): Array<[number, number]> =>
  [...css.matchAll(/unicode-range: ([^;]+);/gu)].flatMap((m) => m[1]!.split(',').map((part): [number, number] => {
    const [a, b] = part.trim().replace(/^U\+/iu, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
  }));

describe('a letter with emoji and symbols', () => {
  it('is read without warnings and has every character in its text', () => {
    expect(all.input.warnings).toEqual([]);
    for (const ch of SYMBOL_CHARACTERS) expect(paragraphs.join('\n'), `U+${ch.codePointAt(0)!.toString(16)}`).toContain(ch);
  });

  it('PDF: pdftotext and the tags read every character back', async () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    for (const ch of SYMBOL_CHARACTERS) expect(text, `pdftotext U+${ch.codePointAt(0)!.toString(16)}`).toContain(ch);
    const doc = await inspectPdf(all.pdf);
    const tagged = elementsOfType(doc.root, 'P').map((p) => tagText(p));
    for (const p of paragraphs) expect(tagged).toContain(p);
    expect(elementsOfType(doc.root, 'H1').map((h) => tagText(h))).toEqual([letter.subject.text]);
  });

  it('PDF: embeds the fallback faces that draw them, each as a subset', () => {
    const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
    const rows = fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
    const names = rows.map((r) => r.split(/\s+/u)[0]!.replace(/^[A-Z]{6}\+/u, ''));
    expect(names).toEqual(expect.arrayContaining(['FiraSans-Regular', 'NotoEmoji-Regular']));
    expect(names.some((n) => /^NotoSans(Symbols2?|Math)/u.test(n) || n.startsWith('DejaVuSans'))).toBe(true);
    for (const row of rows) expect(row).toMatch(/ CID TrueType +Identity-H +yes +yes +yes /u);
    // A face is embedded only when it draws something: DejaVu Sans has ✓, Noto Sans Symbols the
    // enclosing circle, Noto Emoji 🙂; Noto Sans Symbols 2 and Noto Sans Math draw nothing here.
    expect([...names].sort()).toEqual(['DejaVuSans', 'FiraSans-Bold', 'FiraSans-Regular', 'NotoEmoji-Regular', 'NotoSansSymbols-Regular']);
  });

  it('HTML: embeds @font-face rules of the house style\'s family for exactly the characters the web fonts lack', () => {
    const html = parseHtml(all.html);
    const css = textOf(one('style', html));
    const faces = css.match(/@font-face\s*\{[^}]*\}/gu) ?? [];
    const fallback = faces.filter((f) => f.includes('format("truetype")'));
    expect(fallback.length).toBeGreaterThan(0);
    for (const f of fallback) {
      expect(f).toContain('font-family: "Fira Sans"');
      expect(f).toMatch(/src: url\(data:font\/ttf;base64,[A-Za-z0-9+/=]{100,}\)/u);
    }
    const covered = ranges(fallback.join('\n'));
    for (const ch of SYMBOL_CHARACTERS) {
      const cp = ch.codePointAt(0)!;
      expect(covered.some(([a, b]) => cp >= a && cp <= b), `U+${cp.toString(16).toUpperCase()} has a fallback face`).toBe(true);
    }
    for (const ch of SYMBOL_CHARACTERS) expect(textOf(one('main', html))).toContain(ch);
  });

  it('EPUB: carries the fallback faces as font files the stylesheet names, for the same characters', () => {
    const book = readBook(all.epub);
    const css = fileText(book.files, 'OEBPS/style.css');
    const fonts = book.manifest.filter((m) => /font|truetype|sfnt/u.test(m.mediaType) && m.href.endsWith('.ttf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(css).toContain(`url("${f.href}")`);
      expect(book.files.get(`OEBPS/${f.href}`)?.length).toBeGreaterThan(100);
    }
    const covered = ranges(css);
    for (const ch of SYMBOL_CHARACTERS) {
      const cp = ch.codePointAt(0)!;
      expect(covered.some(([a, b]) => cp >= a && cp <= b), `U+${cp.toString(16).toUpperCase()}`).toBe(true);
    }
    const text = book.spine.map((d) => textOf(one('body', d.tree))).join('\n');
    for (const ch of SYMBOL_CHARACTERS) expect(text).toContain(ch);
  });
});
