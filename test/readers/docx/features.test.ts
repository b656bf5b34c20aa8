/**
 * features.docx: two tables (one of 61 rows over several pages, with a repeating header row), bold
 * and italic, three footnotes, a numbered and a bulleted nested list, a hyperlink, a line break,
 * Heading 1 and 2, and three pictures (with alternative text, without, decorative). Every word and
 * note must arrive, in order; the picture without alternative text is a warning at its paragraph.
 */
import { describe, expect, it } from 'vitest';
import type { Image, List, Table } from '../../../src/model/ast.js';
import { letterWords, splitWords } from '../../../src/model/text.js';
import { readLetter } from '../../../src/readers/index.js';
import { bodyParagraph, fixture, type ListExpectation } from './manifest.js';
import { blocksOf, grid, inlines, manifestText, text } from './support.js';

const { path, expect: expected } = fixture('features.docx');
const { letter, warnings } = await readLetter(path);

/** True when `needle` occurs in `hay` in order (other words may come between). */
function inOrder(hay: readonly string[], needle: readonly string[]): { ok: boolean; missing?: string } {
  let at = 0;
  for (const w of needle) {
    while (at < hay.length && hay[at] !== w) at++;
    if (at >= hay.length) return { ok: false, missing: w };
    at++;
  }
  return { ok: true };
}

describe('features.docx', () => {
  it('brings every word of the document, and every note, in reading order', () => {
    const expectedWords: string[] = [];
    let table = 0;
    // Datum and Betreft are labels the model does not keep as text.
    const labels = new Set(['Datum', 'Betreft']);
    for (const entry of expected.body) {
      if (labels.has(entry.text ?? '')) continue;
      if (entry.type === 'table') {
        const t = expected.tables![table++]!;
        for (const row of t.cells ?? []) expectedWords.push(...splitWords(row.join(' ')));
      } else {
        // A note call is its number, set right after the word it follows.
        expectedWords.push(...splitWords((entry.text ?? '').replace(/\[footnoteRef:(\d+)\]/gu, '$1')));
      }
    }
    for (const n of expected.footnotes!) expectedWords.push(...splitWords(n.text));
    const words = letterWords(letter);
    expect(inOrder(words, expectedWords)).toEqual({ ok: true });
    // Nothing twice: as many words as the document has (the decorative logo and the empty alt add none).
    expect(words.length).toBe(expectedWords.length + splitWords(expected.images![1]!.descr!).length);
  });

  it('reads the letterhead, the decorative logo and the signature', () => {
    expect(letter.addressee.map((l) => l.text)).toEqual(expected.letterhead!.addressee);
    expect(letter.subject.text).toBe(expected.letterhead!.subject);
    expect(letter.fields.map((f) => ({ label: f.label, values: f.values.map((v) => v.text) }))).toEqual(expected.letterhead!.fields);
    expect(letter.logo?.alt).toBe('');
    expect(text(letter.closing!.content)).toBe('Hoogachtend,');
    expect(letter.signatories[0]!.name?.text).toBe(expected.signatory!.name);
  });

  it('makes headings of Word\'s heading styles: Heading 1 a section (level 2), Heading 2 below it', () => {
    const headings = blocksOf(letter, 'heading');
    expect(headings.map((h) => [h.level, text(h.content)])).toEqual(expected.headings!.map((h) => [h.level + 1, h.text]));
  });

  it('keeps Word\'s list numbering, its markers and the nesting', () => {
    const lists = blocksOf(letter, 'list');
    const shape = (l: List): unknown => ({
      ordered: l.ordered,
      items: l.items.map((it) => ({ marker: it.marker, text: manifestText(it.content), ...(it.children ? { children: shape(it.children) } : {}) })),
    });
    const want = (l: ListExpectation): unknown => {
      const marker = (level: number, i: number, kind: string): string => (l.ordered ? l.lvlText[level]!.replace(/%\d/u, kind === 'lowerLetter' ? String.fromCharCode(97 + i) : String(i + 1)) : l.lvlText[level]!);
      return {
        ordered: l.ordered,
        items: l.items.map((it, i) => ({
          marker: marker(0, i, l.kind), text: it.text,
          ...(it.children ? { children: { ordered: l.ordered, items: it.children.items.map((c, k) => ({ marker: marker(1, k, it.children!.kind), text: c.text })) } } : {}),
        })),
      };
    };
    expect(lists.map(shape)).toEqual(expected.lists!.map(want));
    expect(lists.map((l) => [l.style, l.items[0]!.children?.style])).toEqual([['decimal', 'lower-alpha'], ['bullet', 'bullet']]);
  });

  it('numbers the three footnotes as Word shows them, the third called in a list item', () => {
    expect(letter.notes.map((n) => [n.id, n.label, text(n.content)])).toEqual(expected.footnotes!.map((f) => [`fn-${f.number}`, String(f.number), f.text]));
    const calls = inlines(letter).filter((i) => i.type === 'noteRef').map((i) => (i.type === 'noteRef' ? i.noteId : ''));
    expect(calls).toEqual(['fn-1', 'fn-2', 'fn-3']);
  });

  it('keeps bold and italic, the hyperlink and the line break', () => {
    const all = inlines(letter);
    expect(all.filter((i) => i.type === 'text' && i.marks?.includes('strong')).map((i) => (i.type === 'text' ? i.text : ''))).toEqual(expected.bold);
    expect(all.filter((i) => i.type === 'text' && i.marks?.includes('emphasis')).map((i) => (i.type === 'text' ? i.text : ''))).toEqual(expected.italic);
    expect(all.filter((i) => i.type === 'link').map((i) => (i.type === 'link' ? { text: i.text, href: i.href } : {}))).toEqual(expected.hyperlinks);
    const withBreak = blocksOf(letter, 'paragraph').find((p) => p.content.some((i) => i.type === 'break'));
    expect(manifestText(withBreak!.content)).toBe(expected.lineBreaks![0]!.paragraph);
  });

  it('reads both tables with their captions, header rows and every cell, the long one whole', () => {
    const tables = blocksOf(letter, 'table');
    expect(tables).toHaveLength(2);
    tables.forEach((t: Table, k) => {
      const want = expected.tables![k]!;
      expect(text(t.caption ?? [])).toBe(want.caption);
      expect([t.headerRows, t.columns, t.rows.length]).toEqual([want.headerRows, want.columns, want.rows]);
      expect(grid(t).map((r) => r.map((c) => c.text))).toEqual(want.cells);
      expect(t.rows[0]!.cells.every((c) => c.header && c.scope === 'col')).toBe(true);
      expect(t.rows[1]!.cells.some((c) => c.header)).toBe(false);
    });
  });

  it('embeds the pictures with Word\'s alternative text, size and caption; the decorative logo is the letter\'s logo', () => {
    const images = blocksOf(letter, 'image') as Image[];
    const body = expected.images!.filter((i) => i.where === 'body');
    expect(images.map((i) => ({ alt: i.alt, decorative: i.decorative ?? false }))).toEqual(body.map((i) => ({ alt: i.descr ?? '', decorative: i.decorative })));
    const [chart, photo] = images;
    expect(chart!.data).toMatchObject({ mediaType: 'image/png', width: 120, height: 80 });
    expect(chart!.data!.bytes.length).toBeGreaterThan(100);
    // Placed 2159999 × 1439999 EMU: 170.08 × 113.39 pt.
    expect(chart!.data!.widthPt).toBeCloseTo(170.08, 1);
    expect(chart!.data!.heightPt).toBeCloseTo(113.39, 1);
    expect(text(chart!.caption!)).toBe(body[0]!.caption);
    expect(photo!.data?.mediaType).toBe('image/png');
  });

  it('warns about the picture without alternative text, at its paragraph', () => {
    const at = bodyParagraph(expected, (e) => e.images?.some((i) => i.descr === '' && !i.decorative) ?? false);
    expect(at).toBeGreaterThan(0);
    const alt = warnings.filter((w) => w.code === 'image-without-alt');
    expect(alt).toEqual([expect.objectContaining({ file: path, line: at, severity: 'warning' })]);
    expect(alt[0]!.message).toContain(`paragraph ${at}`);
  });
});
