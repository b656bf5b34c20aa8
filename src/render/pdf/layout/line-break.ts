/**
 * Line breaking for the PDF: styled spans → lines of positioned pieces.
 *
 * Ragged-right, first fit (the house style never justifies). Break opportunities: after a run of
 * ordinary spaces; after a hyphen between letters (`noordoost-Syrië`); after a soft hyphen (drawn
 * as a hyphen only when the line breaks there); after a zero-width space; inside addresses
 * (`url` spans) after `/ . ? & - = _ # @ ~ +`. Never at a no-break space (U+00A0, U+202F, U+2007)
 * or U+2060. A word wider than the column is cut between grapheme clusters as a last resort.
 *
 * Spaces at a line end stay on the line (they are drawn, so tagged text keeps its word
 * boundaries) but do not count against the width.
 */
import type { Slot } from './tags.js';
import type { Face, FontSet } from './fonts.js';
import { preshape } from './shaping.js';
import type { FontRole } from './layout-config.js';

export interface RunStyle {
  role: FontRole;
  size: number;
  color: string;
  /** Baseline shift upwards in points (superscript note calls). */
  rise: number;
  underline: boolean;
}

export type LinkTarget =
  | { kind: 'uri'; href: string; contents: string }
  | { kind: 'dest'; dest: string; contents: string };

export interface Span {
  text: string;
  style: RunStyle;
  /** Where the drawn text (and the link annotation, if any) is recorded in the structure tree. */
  slot: Slot;
  link?: LinkTarget;
  /** An address: extra break chances after URL punctuation. */
  url?: boolean;
  /** The id of the note this span calls (a note call's label). */
  call?: string;
  /** The call's own id, where a back-link from the note returns to (source references). */
  callRef?: string;
  /** A line break (`\n`): the line ends after it, whatever space is left. */
  hardBreak?: boolean;
}

export interface Piece {
  text: string;
  face: Face;
  style: RunStyle;
  slot: Slot;
  link?: LinkTarget;
  /** Left edge relative to the line start, in points. */
  x: number;
  width: number;
  /** Drawn in invisible render mode: a soft hyphen that did not end the line. */
  invisible: boolean;
  call?: string;
  callRef?: string;
}

export interface Line {
  pieces: Piece[];
  /** Width of the line without its trailing spaces. */
  width: number;
  /** Offsets of the first character and one past the last, in the concatenated span text. */
  start: number;
  end: number;
}

interface Cluster {
  span: number;
  /** Offset in the concatenated text of all spans (UTF-16 units, like `blockText`). */
  start: number;
  end: number;
  /** What is drawn: empty for an invisible character no face has. */
  text: string;
  face: Face | null;
  /** The source grapheme, before font fallback or whitespace normalisation. */
  raw: string;
  space: boolean;
  shy: boolean;
  breakAfter: boolean;
  /** A forced line end (a line break in the text). */
  forced: boolean;
}

const EPS = 0.01;
const segmenter = new Intl.Segmenter('nl', { granularity: 'grapheme' });
/** Text where every UTF-16 unit is its own grapheme cluster (apart from CR LF): no marks, joiners, surrogates or jamo. */
const SIMPLE_TEXT = /^[^\p{M}\u200c\u200d\ufe00-\ufe0f\ud800-\udfff\u1100-\u11ff\u0e00-\u0eff\r]*$/u;

function graphemes(text: string): Array<{ segment: string; index: number }> {
  if (SIMPLE_TEXT.test(text)) return Array.from(text, (segment, index) => ({ segment, index }));
  return Array.from(segmenter.segment(text), ({ segment, index }) => ({ segment, index }));
}
/**
 * Other spaces that allow a break (em space, ideographic space …): set as an ordinary space, which
 * every face has. No-break spaces (U+00A0, U+2007, U+202F) are glyphs and never break.
 */
const BREAKING_SPACE = /^[\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]$/u;
const URL_BREAK_AFTER = new Set(['/', '.', '?', '&', '-', '=', '_', '#', '@', '~', '+']);
const LETTER = /^\p{L}/u;

export function breakLines(spans: readonly Span[], maxWidth: number, fonts: FontSet): Line[] {
  const clusters = toClusters(spans, fonts);
  preshapeRuns(clusters);
  markBreaks(clusters, spans);
  if (clusters.length === 0) return [];

  const widthOf = (from: number, to: number): number => measure(clusters, spans, fonts, from, to);
  const lines: Array<[number, number]> = [];
  let lineStart = 0;
  let lineWidth = 0;
  let hasContent = false;

  let wordStart = 0;
  for (let i = 0; i < clusters.length; i++) {
    if (!clusters[i]!.breakAfter && i < clusters.length - 1) continue;
    const wordEnd = i + 1;
    let bodyEnd = wordEnd;
    while (bodyEnd > wordStart && clusters[bodyEnd - 1]!.space) bodyEnd--;
    // Measured whole (the cached chunk, as drawn) minus its trailing spaces.
    const trail = widthOf(bodyEnd, wordEnd);
    const body = widthOf(wordStart, wordEnd) - trail;
    if (hasContent && lineWidth + body > maxWidth + EPS) {
      lines.push([lineStart, wordStart]);
      lineStart = wordStart;
      lineWidth = 0;
      hasContent = false;
    }
    if (body > maxWidth + EPS) {
      // Last resort: cut the word between grapheme clusters.
      let chunkWidth = 0;
      for (let c = wordStart; c < bodyEnd; c++) {
        const w = widthOf(c, c + 1);
        if (chunkWidth > 0 && chunkWidth + w > maxWidth + EPS) {
          lines.push([lineStart, c]);
          lineStart = c;
          chunkWidth = 0;
        }
        chunkWidth += w;
      }
      lineWidth = chunkWidth + trail;
    } else {
      lineWidth += body + trail;
    }
    hasContent = true;
    wordStart = wordEnd;
    if (clusters[i]!.forced && i < clusters.length - 1) {
      lines.push([lineStart, wordEnd]);
      lineStart = wordEnd;
      lineWidth = 0;
      hasContent = false;
    }
  }
  if (lineStart < clusters.length) lines.push([lineStart, clusters.length]);
  return lines.map(([s, e]) => buildLine(clusters, spans, fonts, s, e));
}

/**
 * The width of the widest piece that cannot be broken (a word, or an address between its break
 * chances): what a table column needs at least so that no word is cut.
 */
export function minContentWidth(spans: readonly Span[], fonts: FontSet): number {
  const clusters = toClusters(spans, fonts);
  preshapeRuns(clusters);
  markBreaks(clusters, spans);
  let widest = 0;
  let start = 0;
  for (let i = 0; i < clusters.length; i++) {
    if (!clusters[i]!.breakAfter && i < clusters.length - 1) continue;
    let end = i + 1;
    while (end > start && clusters[end - 1]!.space) end--;
    widest = Math.max(widest, measure(clusters, spans, fonts, start, end));
    start = i + 1;
  }
  return widest;
}

/** The width of the text set on one line, line breaks in the text excepted (its widest line). */
export function maxContentWidth(spans: readonly Span[], fonts: FontSet): number {
  return Math.max(0, ...breakLines(spans, Number.MAX_SAFE_INTEGER, fonts).map((l) => l.width));
}

function toClusters(spans: readonly Span[], fonts: FontSet): Cluster[] {
  const out: Cluster[] = [];
  let offset = 0;
  spans.forEach((span, index) => {
    for (const { segment, index: at } of graphemes(span.text)) {
      const start = offset + at;
      const end = start + segment.length;
      const whitespace = segment === ' ' || segment === '\t' || segment === '\n' || segment === '\r' || segment === '\r\n' || BREAKING_SPACE.test(segment);
      if (whitespace) {
        const picked = fonts.faceFor(span.style.role, ' ');
        const forced = span.hardBreak === true;
        out.push({ span: index, start, end, text: ' ', face: picked?.face ?? null, raw: segment, space: true, shy: false, breakAfter: forced, forced });
        continue;
      }
      const picked = fonts.faceFor(span.style.role, segment);
      out.push({
        span: index,
        start,
        end,
        text: picked?.text ?? '',
        face: picked?.face ?? null,
        raw: segment,
        space: false,
        shy: segment === '\u00ad',
        breakAfter: false,
        forced: false,
      });
    }
    offset += span.text.length;
  });
  return out;
}

/** Shapes each stretch of text in one face at once (see `preshape`). */
function preshapeRuns(clusters: readonly Cluster[]): void {
  let face: Face | null = null;
  let text = '';
  for (const c of clusters) {
    if (c.face !== face) {
      if (face) preshape(face, text);
      face = c.face;
      text = '';
    }
    text += c.text;
  }
  if (face) preshape(face, text);
}

function markBreaks(clusters: Cluster[], spans: readonly Span[]): void {
  for (let i = 0; i < clusters.length - 1; i++) {
    const c = clusters[i]!;
    const next = clusters[i + 1]!;
    const prev = i > 0 ? clusters[i - 1] : undefined;
    const raw = c.raw;
    if (c.forced) {
      c.breakAfter = true;
    } else if (c.space) {
      c.breakAfter = !next.space || next.forced;
    } else if (c.shy || raw === '\u200b') {
      c.breakAfter = true;
    } else if ((raw === '-' || raw === '\u2010') && prev && LETTER.test(prev.raw) && LETTER.test(next.raw)) {
      c.breakAfter = true;
    } else if (spans[c.span]!.url && next.span === c.span && URL_BREAK_AFTER.has(raw) && raw !== next.raw) {
      c.breakAfter = true;
    }
  }
}

/** Width of clusters [from, to), measured in runs of one face and size (kerning within runs). */
function measure(clusters: Cluster[], spans: readonly Span[], fonts: FontSet, from: number, to: number): number {
  let total = 0;
  let runText = '';
  let runFace: Face | null = null;
  let runSize = 0;
  for (let i = from; i < to; i++) {
    const c = clusters[i]!;
    if (!c.face || c.text === '') continue;
    const size = spans[c.span]!.style.size;
    if (c.face !== runFace || size !== runSize) {
      if (runFace) total += fonts.width(runFace, runText, runSize);
      runFace = c.face;
      runSize = size;
      runText = '';
    }
    runText += c.text;
  }
  if (runFace) total += fonts.width(runFace, runText, runSize);
  return total;
}

function buildLine(clusters: Cluster[], spans: readonly Span[], fonts: FontSet, s: number, e: number): Line {
  const pieces: Piece[] = [];
  let current: Piece | undefined;
  for (let i = s; i < e; i++) {
    const c = clusters[i]!;
    if (!c.face || c.text === '') continue;
    const span = spans[c.span]!;
    const invisible = c.shy && i !== e - 1;
    if (!current || current.face !== c.face || current.slot !== span.slot || current.style !== span.style || current.link !== span.link || current.invisible !== invisible) {
      current = { text: '', face: c.face, style: span.style, slot: span.slot, x: 0, width: 0, invisible, ...(span.link ? { link: span.link } : {}), ...(span.call ? { call: span.call } : {}), ...(span.callRef ? { callRef: span.callRef } : {}) };
      pieces.push(current);
    }
    current.text += c.text;
  }
  let x = 0;
  let width = 0;
  for (const piece of pieces) {
    piece.x = x;
    piece.width = piece.invisible ? 0 : fonts.width(piece.face, piece.text, piece.style.size);
    if (!piece.invisible && piece.text.trim() !== '') width = x + visibleWidth(piece, fonts);
    x += piece.width;
  }
  return { pieces, width, start: clusters[s]!.start, end: clusters[e - 1]!.end };
}

/** A piece's width without its trailing spaces (which hang past the line end). */
export function visibleWidth(piece: Piece, fonts: FontSet): number {
  const trailing = piece.text.length - piece.text.replace(/ +$/u, '').length;
  return trailing === 0 ? piece.width : piece.width - fonts.width(piece.face, ' '.repeat(trailing), piece.style.size);
}
