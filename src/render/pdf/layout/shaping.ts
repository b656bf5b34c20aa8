/**
 * Shaping for the PDF with fontkit, cached per face for the whole process and shared with pdfkit
 * (installed as each document's `layoutCache`), so every word is shaped once: by our measuring,
 * never again by pdfkit when it draws. Also repairs the code points fontkit reports per glyph,
 * from which pdfkit writes the ToUnicode map that text extraction and screen readers rely on.
 */
import type * as fontkit from 'fontkit';
import type { Face } from './fonts.js';

/**
 * OpenType features left out when shaping: contextual and localised forms, cursive attachment,
 * and (unless the text has combining marks) mark positioning and glyph composition. For Dutch
 * letters they change nothing (same glyphs and advances over all samples), and skipping them
 * spares decoding their lookup tables: a cold render is ~100 ms faster. Kerning and ligatures stay.
 */
const PLAIN_FEATURES: Record<string, boolean> = { calt: false, clig: false, rclt: false, curs: false, locl: false, ccmp: false, mark: false, mkmk: false };
const MARK_FEATURES: Record<string, boolean> = { calt: false, clig: false, rclt: false, curs: false, locl: false };
const HAS_MARKS = /\p{M}/u;
/** Emoji sequences (flags, skin tones, joined emoji) are ligatures of the emoji face: every feature on. */
const HAS_SEQUENCE = /[\u200d\ufe0f\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u;

function layout(face: Face, text: string): fontkit.GlyphRun {
  if (HAS_SEQUENCE.test(text)) return face.font.layout(text);
  return face.font.layout(text, HAS_MARKS.test(text) ? MARK_FEATURES : PLAIN_FEATURES);
}

/** Cached runs per face before the cache starts afresh (a long-running process must not grow without end). */
const MAX_RUNS = 200_000;
const runCounts = new WeakMap<Face, number>();

function remember(face: Face, text: string, run: fontkit.GlyphRun): void {
  const count = (runCounts.get(face) ?? 0) + 1;
  if (count > MAX_RUNS) {
    // A new object: documents being drawn keep the old one as their layoutCache. Cached runs equal
    // runs shaped on their own, so starting afresh changes speed, never output.
    face.runs = Object.create(null) as Record<string, fontkit.GlyphRun>;
    runCounts.set(face, 1);
  } else {
    runCounts.set(face, count);
  }
  face.runs[text] = run;
}

/**
 * Scales a glyph position from font units to thousandths of an em, in place, and adds the
 * `advanceWidth` pdfkit reads from it: exactly what pdfkit's `EmbeddedFont.layoutRun` does to the
 * runs it shapes itself. fontkit's GlyphPosition is a plain object of numbers, hence the record view.
 */
function scalePosition(position: fontkit.GlyphPosition, glyph: fontkit.Glyph, scale: number): fontkit.GlyphPosition {
  const p = position as unknown as Record<string, number>;
  for (const key of Object.keys(p)) p[key]! *= scale;
  p.advanceWidth = glyph.advanceWidth * scale;
  return position;
}

/** Shapes `text` the way pdfkit's `EmbeddedFont.layoutRun` does (positions scaled in place). */
export function shapedRun(face: Face, text: string): fontkit.GlyphRun {
  const cached = face.runs[text];
  if (cached) return cached;
  const run = layout(face, text);
  run.glyphs = withSourceCodePoints(run.glyphs, text);
  const scale = 1000 / face.font.unitsPerEm;
  run.positions.forEach((position, i) => scalePosition(position, run.glyphs[i]!, scale));
  remember(face, text, run);
  return run;
}

/**
 * Shapes a whole run of text in one call and files its space-ended chunks in the face's run cache,
 * where `width` and pdfkit look them up. Far fewer shaping calls than word by word (the shaping
 * plan is set up once per call), which is most of a cold render's time. Falls back silently
 * (chunks get shaped one by one later) when glyphs cannot be matched back to the text.
 */
export function preshape(face: Face, text: string): void {
  if (text.length < 16 || !/[ \t]./u.test(text)) return;
  if (text.split(/(?<=[ \t])/u).every((chunk) => face.runs[chunk] !== undefined)) return;
  const run = layout(face, text);
  const glyphs = withSourceCodePoints(run.glyphs, text);
  const scale = 1000 / face.font.unitsPerEm;
  let chunk = '';
  let chunkGlyphs: fontkit.Glyph[] = [];
  let chunkPositions: fontkit.GlyphPosition[] = [];
  let consumed = 0;
  const flush = (): boolean => {
    if (chunk === '') return true;
    if (text.slice(consumed, consumed + chunk.length) !== chunk) return false;
    consumed += chunk.length;
    // Reproducibility: a cached run must not depend on the text around it (else a letter's bytes
    // would depend on what the process rendered before). Across a space Fira has no contextual
    // substitution or kerning (none in 2,404 chunks of the samples); a chunk whose edges were
    // positioned by its neighbours anyway is left out, to be shaped on its own.
    const first = chunkPositions[0];
    const last = chunkPositions[chunkPositions.length - 1];
    const lastGlyph = chunkGlyphs[chunkGlyphs.length - 1];
    const neutral =
      first !== undefined && last !== undefined && lastGlyph !== undefined && first.xOffset === 0 && first.yOffset === 0 && Math.abs(last.xAdvance - lastGlyph.advanceWidth * scale) < 1e-9;
    if (neutral && !face.runs[chunk]) {
      let advance = 0;
      for (const p of chunkPositions) advance += p.xAdvance;
      // A plain object with the three fields pdfkit reads from a fontkit GlyphRun.
      remember(face, chunk, { glyphs: chunkGlyphs, positions: chunkPositions, advanceWidth: advance } as fontkit.GlyphRun);
    }
    chunk = '';
    chunkGlyphs = [];
    chunkPositions = [];
    return true;
  };
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i]!;
    const p = scalePosition(run.positions[i]!, g, scale);
    if (g.codePoints.length === 0) return;
    chunk += String.fromCodePoint(...g.codePoints);
    chunkGlyphs.push(g);
    chunkPositions.push(p);
    if (g.codePoints.includes(32) || g.codePoints.includes(9)) {
      if (!flush()) return;
    }
  }
  flush();
}

/**
 * fontkit caches one glyph object per glyph id and hands it out with the code points of its first
 * use, whatever the code points of the later use. Shaping asks for each glyph with the code points
 * it stands for (a ligature for both letters, a composed letter for base and mark): answer with a
 * view carrying those, so pdfkit's ToUnicode says what the text says.
 */
export function keepShapedCodePoints(font: fontkit.Font): void {
  const original = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints: number[] = []): fontkit.Glyph => {
    const glyph = original(id, codePoints);
    if (codePoints.length === 0 || (glyph.codePoints.length === codePoints.length && glyph.codePoints.every((cp, i) => cp === codePoints[i]))) return glyph;
    return Object.create(glyph, { codePoints: { value: codePoints } }) as fontkit.Glyph;
  };
}

/**
 * The last check before a run is cached: the glyphs' code points must spell the text. Where they
 * do not (a glyph from a one-to-many substitution has none; a glyph cached before
 * `keepShapedCodePoints` was installed keeps its first use's), each glyph gets a view with the
 * code points of this text, matched in order. Seen in practice: a `>` read back as nothing.
 */
function withSourceCodePoints(glyphs: fontkit.Glyph[], text: string): fontkit.Glyph[] {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const flat = glyphs.flatMap((g) => g.codePoints);
  if (flat.length === cps.length && flat.every((cp, i) => cp === cps[i]) && glyphs.every((g) => g.codePoints.length > 0)) return glyphs;
  const view = (g: fontkit.Glyph, codePoints: number[]): fontkit.Glyph => Object.create(g, { codePoints: { value: codePoints } }) as fontkit.Glyph;
  if (glyphs.length === cps.length) return glyphs.map((g, i) => view(g, [cps[i]!]));
  let at = 0;
  return glyphs.map((g) => {
    const own = g.codePoints;
    if (own.length > 0 && own.every((cp, k) => cps[at + k] === cp)) {
      at += own.length;
      return g;
    }
    const next = cps[at];
    if (next === undefined) return view(g, []);
    at += 1;
    return view(g, [next]);
  });
}

