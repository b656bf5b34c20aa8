/** Unit tests of the PDF renderer's parts: line breaking, pagination, ToUnicode, XMP escaping, layout data. */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import type { FlowLine, NoteFlow } from '../../../src/render/pdf/layout/flow-types.js';
import { loadFontSet } from '../../../src/render/pdf/layout/fonts.js';
import { preshape, shapedRun } from '../../../src/render/pdf/layout/shaping.js';
import { loadPdfLayout } from '../../../src/render/pdf/layout/layout-config.js';
import { breakLines, type Line, type RunStyle, type Span } from '../../../src/render/pdf/layout/line-break.js';
import { escapeXml } from '../../../src/util/escape-xml.js';
import { paginate, type PaginateInput } from '../../../src/render/pdf/layout/paginate.js';
import { StructNode } from '../../../src/render/pdf/layout/tags.js';
import { toUnicodeCmapText } from '../../../src/render/pdf/write/to-unicode.js';
import { loadTheme, type Theme } from '../../../src/render/theme.js';
import type { Note } from '../../../src/model/ast.js';

const theme = loadTheme();
const fonts = loadFontSet(theme);
const style: RunStyle = { role: 'regular', size: 9, color: '#000000', rise: 0, underline: false };

function spans(...texts: Array<string | { text: string; url: true }>): Span[] {
  const slot = new StructNode('P').slot();
  return texts.map((t) => (typeof t === 'string' ? { text: t, style, slot } : { text: t.text, style, slot, url: true }));
}

const lineText = (line: Line): string => line.pieces.map((p) => p.text).join('');
const widthOf = (text: string): number => fonts.width(fonts.face('regular'), text, 9);

describe('breakLines', () => {
  it('breaks after spaces, keeps the space at the line end, and reports offsets', () => {
    const text = 'een twee drie vier vijf zes zeven acht negen tien elf twaalf';
    const max = widthOf('een twee drie vier');
    const lines = breakLines(spans(text), max, fonts);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map(lineText).join('')).toBe(text);
    expect(lineText(lines[0]!)).toBe('een twee drie vier ');
    lines.forEach((line, i) => {
      expect(line.width).toBeLessThanOrEqual(max + 0.01);
      expect(text.slice(line.start, line.end)).toBe(lineText(line));
      if (i < lines.length - 1) {
        expect(lineText(line).endsWith(' ')).toBe(true);
        // First fit: the next word would not have fitted on this line.
        const next = lineText(lines[i + 1]!).split(' ')[0]!;
        expect(line.width + widthOf(` ${next}`)).toBeGreaterThan(max);
      }
    });
  });

  it('never breaks at a no-break space', () => {
    const group = '€\u00a0120\u00a0miljoen';
    const text = `in totaal ${group} beschikbaar voor ${group} en ${group} extra`;
    for (const extra of [0, 5, 10, 20, 30]) {
      const lines = breakLines(spans(text), widthOf(group) + extra, fonts);
      expect(lines.map(lineText).join('')).toBe(text);
      for (const line of lines) {
        const t = lineText(line);
        expect(t.endsWith('\u00a0')).toBe(false);
        expect(t.startsWith('\u00a0')).toBe(false);
        if (t.includes('€')) expect(t).toContain(group);
      }
    }
  });

  it('breaks after a hyphen between letters, not inside numbers', () => {
    const a = breakLines(spans('de noordoost-Syrische grens'), widthOf('de noordoost-Syr'), fonts);
    expect(a.map(lineText)).toEqual(['de noordoost-', 'Syrische grens']);
    const b = breakLines(spans('Kamerstuk 21501-02 nr'), widthOf('Kamerstuk 21501-0'), fonts);
    expect(b.map(lineText)).toEqual(['Kamerstuk ', '21501-02 nr']);
  });

  it('breaks an address after URL punctuation, never between the slashes of //', () => {
    const url = 'https://www.example.org/documenten/kamerstukken/2026?id=5&taal=nl';
    const lines = breakLines(spans({ text: url, url: true }), widthOf('https://www.example.org/docu'), fonts);
    expect(lines.map(lineText).join('')).toBe(url);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.slice(0, -1)) expect(lineText(line)).toMatch(/[/.?&=-]$/u);
    expect(lines.map(lineText)).not.toContain('https:/');
  });

  it('cuts a word wider than the column anywhere, as a last resort', () => {
    const word = 'x'.repeat(60);
    const max = widthOf('x'.repeat(25));
    const lines = breakLines(spans(word), max, fonts);
    expect(lines.map(lineText).join('')).toBe(word);
    expect(lines.length).toBe(3);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(max + 0.01);
  });

  it('hides a soft hyphen inside a line and shows it where the line breaks', () => {
    const text = 'ver\u00adantwoordelijkheid ver\u00adantwoordelijkheid';
    const one = breakLines(spans(text), 1000, fonts);
    expect(one).toHaveLength(1);
    expect(one[0]!.pieces.filter((p) => p.invisible).map((p) => p.text)).toEqual(['\u00ad', '\u00ad']);
    const two = breakLines(spans('ver\u00adantwoordelijkheid'), widthOf('antwoordelijkheid') + 1, fonts);
    expect(two.map(lineText)).toEqual(['ver\u00ad', 'antwoordelijkheid']);
    expect(two[0]!.pieces.some((p) => p.invisible)).toBe(false);
  });

  it('draws characters Fira Sans lacks with the fallback face', () => {
    const [line] = breakLines(spans('a ⇒ b'), 1000, fonts);
    expect(line!.pieces.map((p) => [p.text, p.face.key])).toEqual([
      ['a ', 'regular'],
      ['⇒', 'fallback'],
      [' b', 'regular'],
    ]);
  });
});

describe('shaping', () => {
  it('keeps each glyph\'s code points even when fontkit cached the glyph without them', () => {
    const face = fonts.face('regular');
    // fontkit's glyph cache is per font object: find the id with a separate instance of the same file.
    const fresh = fontkit.create(readFileSync(theme.fontPath('regular'))) as fontkit.Font;
    const id = fresh.layout('\u00b6').glyphs[0]!.id;
    face.font.getGlyph(id); // cached now with no code points, as a substitution would leave it
    const run = shapedRun(face, 'zie \u00b6 3');
    expect(run.glyphs.map((g) => g.codePoints)).toEqual([[0x7a], [0x69], [0x65], [0x20], [0xb6], [0x20], [0x33]]);
  });

  it('files the words of a preshaped stretch exactly as shaping each word alone would', () => {
    const face = fonts.face('bold');
    const text = 'Beantwoording vragen van het lid Van der Burg over het vrijlaten';
    preshape(face, text);
    const fresh = fontkit.create(readFileSync(theme.fontPath('bold'))) as fontkit.Font;
    for (const word of text.split(/(?<= )/u)) {
      const cached = face.runs[word]!;
      expect(cached, word).toBeDefined();
      const alone = fresh.layout(word, { calt: false, clig: false, rclt: false, curs: false, locl: false, ccmp: false, mark: false, mkmk: false });
      expect(cached.glyphs.map((g) => g.id)).toEqual(alone.glyphs.map((g) => g.id));
      expect(cached.advanceWidth).toBeCloseTo((alone.advanceWidth * 1000) / fresh.unitsPerEm, 6);
    }
  });
});

describe('paginate', () => {
  const line = (over: Partial<FlowLine> = {}): FlowLine => ({ parts: [], height: 10, ascent: 7, spaceBefore: 0, breakBefore: 'allow', notes: [], anchors: [], ...over });
  /** A paragraph of n lines with widow/orphan rules (2/2) and a gap before it. */
  const paragraph = (id: string, n: number, gap = 10): FlowLine[] =>
    Array.from({ length: n }, (_, i) =>
      line({ spaceBefore: i === 0 ? gap : 0, breakBefore: i === 0 ? 'allow' : i >= 2 && n - i >= 2 ? 'allow' : 'avoid', start: { kind: 'node', id, offset: i * 10 } }),
    );
  const input = (lines: FlowLine[], notes: NoteFlow[] = []): PaginateInput => ({
    lines,
    notes,
    firstPageNotes: [],
    firstPageTop: 0,
    nextPagesTop: 0,
    bottom: 100,
    footOverhead: 5,
    ruleOffset: 3,
  });
  const counts = (pages: ReturnType<typeof paginate>): number[] => pages.map((p) => p.body.length);

  it('fills pages and reports where each begins', () => {
    const pages = paginate(input(paragraph('b1', 25, 0)));
    expect(counts(pages)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.start)).toEqual([
      { kind: 'letter' },
      { kind: 'node', id: 'b1', offset: 100 },
      { kind: 'node', id: 'b1', offset: 200 },
    ]);
  });

  it('leaves no orphan (single first line at a page bottom) and no widow (single last line on top)', () => {
    // 8 lines fill the page; the next paragraph would leave 1 line at the bottom: it moves.
    const orphan = paginate(input([...paragraph('a', 8, 0), ...paragraph('b', 4, 10)]));
    expect(counts(orphan)).toEqual([8, 4]);
    // 2 lines of the 3-line paragraph would fit, leaving its last line alone: all 3 move.
    const widow = paginate(input([...paragraph('a', 8, 0), ...paragraph('b', 3, 0)]));
    expect(counts(widow)).toEqual([8, 3]);
    // A 5-line paragraph after 6 lines: 4 fit, but 1 would be alone on the next page: 3 stay.
    const split = paginate(input([...paragraph('a', 6, 0), ...paragraph('b', 5, 0)]));
    expect(counts(split)).toEqual([9, 2]);
  });

  it('keeps a heading with the first lines of what follows and obeys forced breaks', () => {
    const heading = line({ breakBefore: 'allow', start: { kind: 'node', id: 'h', offset: 0 } });
    const after = paragraph('p', 3, 0).map((l, i) => (i === 0 ? { ...l, breakBefore: 'avoid' as const } : l));
    const pages = paginate(input([...paragraph('a', 8, 0), heading, ...after]));
    expect(pages[1]!.start).toEqual({ kind: 'node', id: 'h', offset: 0 });
    const forced = paginate(input([...paragraph('a', 2, 0), line({ breakBefore: 'force', start: { kind: 'node', id: 'annex', offset: 0 } })]));
    expect(counts(forced)).toEqual([2, 1]);
  });

  it('prints a note on the page of its call and carries the rest of a long note to the next page', () => {
    const noteLines = Array.from({ length: 8 }, () => line({ height: 5 }));
    const note: NoteFlow = { note: { id: 'fn-1' } as Note, lines: noteLines };
    const body = paragraph('a', 12, 0);
    body[5] = { ...body[5]!, notes: ['fn-1'] };
    const pages = paginate(input(body, [note]));
    // Page 1: at least the call's line and the note's first line.
    const first = pages[0]!;
    expect(first.body.some((p) => p.line.notes.includes('fn-1'))).toBe(true);
    expect(first.foot[0]?.line).toBe(noteLines[0]);
    const onFirst = first.foot.length;
    expect(onFirst).toBeLessThan(8);
    // The rest opens the footnote area of page 2, in order.
    expect(pages[1]!.foot.map((f) => f.line)).toEqual(noteLines.slice(onFirst, onFirst + pages[1]!.foot.length));
    expect(pages.flatMap((p) => p.foot.map((f) => f.line))).toEqual(noteLines);
    // Footnotes sit at the foot: the last one ends at the bottom, the rule above the first.
    const last = first.foot[first.foot.length - 1]!;
    expect(last.top + last.line.height).toBeCloseTo(100);
    expect(first.ruleY).toBeCloseTo(first.foot[0]!.top - 3);
    const bodyEnd = first.body[first.body.length - 1]!;
    expect(bodyEnd.top + bodyEnd.line.height + 5).toBeLessThanOrEqual(first.foot[0]!.top + 0.001);
  });
});

describe('ToUnicode CMap', () => {
  it('maps every used glyph except .notdef, ligatures and astral characters included', () => {
    const text = toUnicodeCmapText([[0], [0x41], [0x66, 0x69], undefined, [0x1f600], [0xfeff]]);
    expect(text).toContain('<0001> <0041>');
    expect(text).toContain('<0002> <00660069>');
    expect(text).toContain('<0004> <D83DDE00>');
    expect(text).not.toMatch(/<0000> </u);
    expect(text).not.toContain('FEFF>');
    expect(text).toContain('3 beginbfchar');
  });

  it('splits long maps into blocks of at most 100 entries', () => {
    const text = toUnicodeCmapText(Array.from({ length: 251 }, (_, i) => [0x41 + i]));
    expect(text.match(/beginbfchar/gu)).toHaveLength(3);
    expect(text).toContain('100 beginbfchar');
    expect(text).toContain('50 beginbfchar');
  });
});

describe('XMP escaping', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`A & B <c> "d" 'e'`)).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });
});

describe('pdf.json', () => {
  it('is read into points, with theme colours resolved', () => {
    const layout = loadPdfLayout(theme);
    expect(layout.pageWidth).toBeCloseTo(595.28, 1);
    expect(layout.band.x).toBeCloseTo((98.5 * 72) / 25.4, 3);
    expect(layout.band.height).toBeCloseTo((37.125 * 72) / 25.4, 3);
    expect(layout.colors.band).toBe('#154273');
    // Changed on purpose: the body column is 128 mm wide (27–155 mm), 9 mm before the reference column.
    expect(layout.body.left).toBeCloseTo((27 * 72) / 25.4, 3);
    expect(layout.body.width).toBeCloseTo((128 * 72) / 25.4, 3);
    expect(layout.referenceColumn.left).toBeCloseTo((164 * 72) / 25.4, 3);
    expect(layout.referenceColumn.left - (layout.body.left + layout.body.width)).toBeCloseTo((9 * 72) / 25.4, 3);
    expect(layout.footnotes.size).toBeGreaterThanOrEqual(6.5);
    expect(layout.footnotes.size).toBeLessThanOrEqual(7);
  });

  it('names a missing number clearly', () => {
    // A house style whose pdf.json (merged along its chain) lacks most settings.
    const broken: Theme = { ...theme, name: 'kapot', json: (f) => (f === 'pdf.json' ? { page: { widthMm: 210 } } : theme.json(f)) };
    expect(() => loadPdfLayout(broken)).toThrow(/kapot: pdf\.json: .*(colors|page\.heightMm)/u);
  });
});
