/**
 * Fonts of the PDF: the house style's text faces (Fira Sans), a fallback face per weight (DejaVu
 * Sans) for characters Fira lacks, and symbol and emoji faces (Noto, monochrome) for the rest, so
 * no glyph is ever drawn as .notdef. Parsed fonts and shaped words are cached for the whole
 * process: a batch of letters parses each TTF once.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { keepShapedCodePoints, shapedRun } from './shaping.js';
import type { Theme } from '../../theme.js';
import type { FontRole } from './layout-config.js';

export type FaceKey = FontRole | 'fallback' | 'fallbackBold' | `symbols-${number}`;

export interface Face {
  key: FaceKey;
  /** The name the face is registered under in each pdfkit document. */
  name: string;
  font: fontkit.Font;
  /** Ascent and descent in thousandths of the font size (descent is negative). */
  ascent: number;
  descent: number;
  /**
   * Shaped runs by text, in pdfkit's units (thousandths of an em), shared by our measuring and by
   * every pdfkit document (installed as its font's `layoutCache`): each word is shaped once per process.
   */
  runs: Record<string, fontkit.GlyphRun>;
}

const TEXT_KEYS = ['regular', 'italic', 'semibold', 'bold', 'boldItalic', 'fallback', 'fallbackBold'] as const;

const parsed = new Map<string, fontkit.Font>();

function parseFont(path: string): fontkit.Font {
  const cached = parsed.get(path);
  if (cached) return cached;
  const font = fontkit.create(readFileSync(path));
  if ('fonts' in font) throw new Error(`${path}: a font collection; the PDF renderer needs a single TTF face`);
  keepShapedCodePoints(font);
  parsed.set(path, font);
  return font;
}

/**
 * Invisible format characters. When no face has a glyph for one, it is left out of the drawing
 * (it has no ink, and drawing it would use .notdef). U+FEFF and U+FFFE are always left out: PDF/UA
 * forbids them as ToUnicode values (veraPDF 7.21.7-2).
 */
export function isIgnorable(cp: number): boolean {
  return (
    cp === 0x034f ||
    cp === 0x061c ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xfffe ||
    (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

/** A character no embedded face can draw: a property of the input, reported at its line (`print-layout.ts`). */
export class MissingGlyphError extends Error {
  constructor(
    readonly char: string,
    /** Family names of every face tried, in order. */
    readonly tried: string[],
  ) {
    const cps = [...char].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    super(`no embedded font has the character "${char}" (${cps}); tried ${tried.join(', ')}`);
    this.name = 'MissingGlyphError';
  }
}

function makeFace(key: FaceKey, path: string): Face {
  const font = parseFont(path);
  return {
    key,
    name: `rp-${key}`,
    font,
    ascent: (font.ascent * 1000) / font.unitsPerEm,
    descent: (font.descent * 1000) / font.unitsPerEm,
    runs: Object.create(null) as Record<string, fontkit.GlyphRun>,
  };
}

/**
 * The faces of a house style, each parsed on first use: the text faces, a fallback face per
 * weight for characters the text face lacks, then symbol and emoji faces (monochrome) for the
 * rest. A letter in plain Dutch never loads more than it draws.
 */
export class FontSet {
  private readonly faces = new Map<FaceKey, Face>();
  private readonly picks = new Map<string, { face: Face; text: string } | null>();

  constructor(private readonly paths: ReadonlyMap<FaceKey, string>, private readonly symbolKeys: readonly FaceKey[]) {}

  /** The font file of a face. */
  path(key: FaceKey): string {
    const path = this.paths.get(key);
    if (!path) throw new Error(`no font for ${key}`);
    return path;
  }

  face(key: FaceKey): Face {
    let face = this.faces.get(key);
    if (!face) {
      const path = this.paths.get(key);
      if (!path) throw new Error(`no font for ${key}`);
      face = makeFace(key, path);
      this.faces.set(key, face);
    }
    return face;
  }

  /**
   * The face that draws a grapheme cluster in a role, and the text to draw: the role's own face
   * when it has every glyph, else the fallback of the same weight. Invisible format characters no
   * face has are left out of the text (`null` when nothing visible remains); a visible character
   * no face covers throws `MissingGlyphError`.
   */
  faceFor(role: FontRole, cluster: string): { face: Face; text: string } | null {
    const key = `${role}\u0000${cluster}`;
    const known = this.picks.get(key);
    if (known !== undefined) return known;
    const picked = this.pick(role, cluster);
    this.picks.set(key, picked);
    return picked;
  }

  private pick(role: FontRole, cluster: string): { face: Face; text: string } | null {
    const bold = role === 'bold' || role === 'semibold' || role === 'boldItalic';
    const order: FaceKey[] = [role, bold ? 'fallbackBold' : 'fallback', ...this.symbolKeys];
    const chars = [...cluster].filter((c) => c !== '\ufeff' && c !== '\ufffe');
    if (chars.length === 0) return null;
    const covers = (face: Face, cs: string[]): boolean => cs.every((c) => face.font.hasGlyphForCodePoint(c.codePointAt(0)!));
    const visible = chars.filter((c) => !isIgnorable(c.codePointAt(0)!));
    // Whole cluster first (an emoji with its variation selector), then without invisible marks.
    for (const cs of [chars, visible]) {
      if (cs.length === 0) return null;
      for (const key of order) {
        const face = this.face(key);
        if (covers(face, cs)) return { face, text: cs.join('') };
      }
    }
    throw new MissingGlyphError(cluster, order.map((k) => this.face(k).font.familyName));
  }

  /**
   * Advance width of `text` in points, measured the way pdfkit lays it out when drawing
   * (shaped and kerned in chunks that end after each space or tab), so positions computed
   * here match the drawn glyphs.
   */
  width(face: Face, text: string, size: number): number {
    let total = 0;
    let last = 0;
    for (let i = 0; i <= text.length; i++) {
      const atEnd = i === text.length;
      const ch = text.charAt(i);
      if ((atEnd && last < i) || ch === ' ' || ch === '\t') {
        total += shapedRun(face, text.slice(last, atEnd ? i : i + 1)).advanceWidth;
        last = i + 1;
      }
    }
    return (total * size) / 1000;
  }
}

const sets = new Map<string, FontSet>();

/** The house style's faces, parsed once per process and only when used. */
export function loadFontSet(theme: Theme): FontSet {
  const paths = new Map<FaceKey, string>(TEXT_KEYS.map((k) => [k, theme.fontPath(k)]));
  const symbols = (theme.data.fonts.symbols ?? []).map((spec, i): [FaceKey, string] => [`symbols-${i}`, theme.resolveFont(spec)]);
  for (const [k, path] of symbols) paths.set(k, path);
  const key = [...paths.values()].join('\u0000');
  let set = sets.get(key);
  if (!set) {
    set = new FontSet(paths, symbols.map(([k]) => k));
    sets.set(key, set);
  }
  return set;
}
