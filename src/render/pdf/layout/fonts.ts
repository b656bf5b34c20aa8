/**
 * Fonts of the PDF: the theme's Fira Sans faces plus a fallback face (DejaVu Sans) for characters
 * Fira lacks, so no glyph is ever drawn as .notdef. Parsed fonts and shaped words are cached for
 * the whole process: a batch of letters parses each TTF once.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { keepShapedCodePoints, shapedRun } from './shaping.js';
import type { Theme } from '../../theme.js';
import type { FontRole } from './layout-config.js';

export type FaceKey = FontRole | 'fallback' | 'fallbackBold';

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

const FACE_KEYS: readonly FaceKey[] = ['regular', 'italic', 'semibold', 'bold', 'boldItalic', 'fallback', 'fallbackBold'];

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

export class MissingGlyphError extends Error {
  constructor(
    readonly char: string,
    readonly context: string,
  ) {
    const cps = [...char].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    super(`PDF: no font covers "${char}" (${cps}) in "${context}": neither the theme font nor the fallback font has a glyph for it`);
    this.name = 'MissingGlyphError';
  }
}

export class FontSet {
  private readonly faces: Record<FaceKey, Face>;
  private readonly picks = new Map<string, { face: Face; text: string } | null>();

  constructor(faces: Record<FaceKey, Face>) {
    this.faces = faces;
  }

  face(key: FaceKey): Face {
    return this.faces[key];
  }

  all(): Face[] {
    return FACE_KEYS.map((k) => this.faces[k]);
  }

  /**
   * The face that draws a grapheme cluster in a role, and the text to draw: the role's own face
   * when it has every glyph, else the fallback of the same weight. Invisible format characters no
   * face has are left out of the text (`null` when nothing visible remains); a visible character
   * no face covers throws `MissingGlyphError`.
   */
  faceFor(role: FontRole, cluster: string, context: string): { face: Face; text: string } | null {
    const key = `${role}\u0000${cluster}`;
    const known = this.picks.get(key);
    if (known !== undefined) return known;
    const picked = this.pick(role, cluster, context);
    this.picks.set(key, picked);
    return picked;
  }

  private pick(role: FontRole, cluster: string, context: string): { face: Face; text: string } | null {
    const primary = this.faces[role];
    const fallback = this.faces[role === 'bold' || role === 'semibold' || role === 'boldItalic' ? 'fallbackBold' : 'fallback'];
    const chars = [...cluster].filter((c) => c !== '\ufeff' && c !== '\ufffe');
    if (chars.length === 0) return null;
    const covers = (face: Face, cs: string[]): boolean => cs.every((c) => face.font.hasGlyphForCodePoint(c.codePointAt(0)!));
    for (const face of [primary, fallback]) if (covers(face, chars)) return { face, text: chars.join('') };
    const visible = chars.filter((c) => !isIgnorable(c.codePointAt(0)!));
    if (visible.length === 0) return null;
    for (const face of [primary, fallback]) if (covers(face, visible)) return { face, text: visible.join('') };
    throw new MissingGlyphError(cluster, context);
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

/** The theme's faces, parsed once per process. */
export function loadFontSet(theme: Theme): FontSet {
  const key = FACE_KEYS.map((k) => theme.fontPath(k)).join('\u0000');
  const cached = sets.get(key);
  if (cached) return cached;
  const faces = {} as Record<FaceKey, Face>;
  for (const key of FACE_KEYS) {
    const font = parseFont(theme.fontPath(key));
    faces[key] = {
      key,
      name: `rp-${key}`,
      font,
      ascent: (font.ascent * 1000) / font.unitsPerEm,
      descent: (font.descent * 1000) / font.unitsPerEm,
      runs: Object.create(null) as Record<string, fontkit.GlyphRun>,
    };
  }
  const set = new FontSet(faces);
  sets.set(key, set);
  return set;
}
