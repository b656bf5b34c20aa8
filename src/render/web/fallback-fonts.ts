/**
 * Characters the house style's web fonts lack (symbols, arrows, emoji …), drawn in HTML and EPUB
 * by the same fallback faces as in the PDF: each fallback font cut down to exactly the characters
 * the letter uses (hb-subset through `subset-font`, which keeps the tables a browser needs and the
 * ligatures of emoji sequences), embedded under the house style's family name with a
 * `unicode-range`, so no stylesheet names it and a reader's system fonts never decide.
 */
import subsetFont from 'subset-font';
import type { Letter } from '../../model/ast.js';
import { walkLetter } from '../../model/visit.js';
import { loadFontSet, type Face } from '../pdf/layout/fonts.js';
import type { Theme } from '../theme.js';
import { readFileCached } from '../../util/read-cached.js';
import type { WebFontFace } from './fonts.js';

export interface FallbackFace {
  family: string;
  /** `U+2192, U+2265 …`: the characters this face draws. */
  unicodeRange: string;
  /** A TrueType font with only those characters. */
  data: Uint8Array;
  /** A file name for the EPUB container. */
  name: string;
}

/** `U+0000-00FF, U+0131` → code point ranges. */
function parseRanges(unicodeRange: string): Array<[number, number]> {
  return unicodeRange.split(',').map((part) => {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/iu.exec(part.trim());
    if (!m) return [0, -1];
    if (m[1]!.includes('?')) return [parseInt(m[1]!.replace(/\?/gu, '0'), 16), parseInt(m[1]!.replace(/\?/gu, 'f'), 16)];
    const from = parseInt(m[1]!, 16);
    return [from, m[2] ? parseInt(m[2], 16) : from];
  });
}

/**
 * Every character a page of the letter draws (not spaces or controls): the letter's text, and what
 * the house style adds (bullets, the back-link arrow, labels).
 */
function drawnCharacters(letter: Letter, theme: Theme): Set<number> {
  const out = new Set<number>();
  const add = (text: string): void => {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0x20 && !/\s/u.test(ch)) out.add(cp);
    }
  };
  walkLetter(letter, {
    textLine: (l) => add(l.text),
    inline: (i) => add(i.type === 'noteRef' ? i.label : i.type === 'break' ? '' : i.text),
    node: (n) => { if (n.type === 'image') add(n.alt); else if (n.type === 'question' || n.type === 'answer') add(n.label); },
  });
  // Labels and names (Latin, as a rule); the back-link arrow only with notes, bullets only to the
  // depth the letter's lists reach: a page carries no face for what it does not draw.
  const symbol = theme.t('backlinkSymbol');
  for (const text of theme.allStrings()) if (text !== symbol) add(text);
  if (letter.notes.length) add(symbol);
  let depth = -1;
  const deepest = (items: ReadonlyArray<{ children?: { items: typeof items } }>, d: number): void => {
    depth = Math.max(depth, d);
    for (const item of items) if (item.children) deepest(item.children.items, d + 1);
  };
  walkLetter(letter, { node: (n) => { if (n.type === 'list') deepest(n.items, 0); } }, { notes: false, letterhead: false });
  theme.data.lists.bullets.slice(0, depth + 1).forEach(add);
  return out;
}

const subsets = new Map<string, Uint8Array>();

/** Subsets are cached per font and character set: a batch of like letters cuts each once. */
async function subset(path: string, text: string): Promise<Uint8Array> {
  const key = `${path}\u0000${text}`;
  let data = subsets.get(key);
  if (!data) {
    data = new Uint8Array(await subsetFont(readFileCached(path), text, { targetFormat: 'truetype' }));
    subsets.set(key, data);
  }
  return data;
}

/**
 * The fallback faces a letter needs beside `faces` (the web fonts it embeds), or none. The PDF's
 * fallback order decides which font draws a character, so all three formats look alike.
 */
export async function fallbackFaces(theme: Theme, letter: Letter, faces: readonly WebFontFace[]): Promise<FallbackFace[]> {
  const covered = faces.flatMap((f) => (f.unicodeRange ? parseRanges(f.unicodeRange) : [[0, 0x10ffff] as [number, number]]));
  const missing = [...drawnCharacters(letter, theme)].filter((cp) => !covered.some(([a, b]) => cp >= a && cp <= b)).sort((a, b) => a - b);
  if (missing.length === 0) return [];
  const fonts = loadFontSet(theme);
  const byFace = new Map<Face, number[]>();
  for (const cp of missing) {
    const picked = fonts.faceFor('regular', String.fromCodePoint(cp));
    // The text face has it (outside the web subsets' ranges) or nothing has it: the PDF reports the latter.
    if (!picked) continue;
    const list = byFace.get(picked.face) ?? [];
    list.push(cp);
    byFace.set(picked.face, list);
  }
  const out: FallbackFace[] = [];
  for (const [face, cps] of byFace) {
    const path = fonts.path(face.key);
    out.push({
      family: theme.data.fonts.family,
      unicodeRange: cps.map((cp) => `U+${cp.toString(16).toUpperCase()}`).join(', '),
      data: await subset(path, String.fromCodePoint(...cps)),
      name: `fallback-${face.key}.ttf`,
    });
  }
  return out;
}

/**
 * `@font-face` rules for the fallback faces; `src` gives each face's URL. A browser combines only
 * faces with the same style and weight into one family member, so each fallback face is declared
 * once for every style and weight of the web faces it completes.
 */
export function fallbackFaceCss(faces: readonly FallbackFace[], webFaces: readonly WebFontFace[], src: (face: FallbackFace) => string): string {
  const variants = [...new Map(webFaces.map((w) => [`${w.style} ${w.weight}`, w])).values()];
  return faces.flatMap((f) => variants.map((v) => [
    '@font-face {',
    `  font-family: "${f.family.replace(/["\\]/gu, '')}";`,
    `  font-style: ${v.style};`,
    `  font-weight: ${v.weight};`,
    '  font-display: swap;',
    `  src: url(${src(f)}) format("truetype");`,
    `  unicode-range: ${f.unicodeRange};`,
    '}',
  ].join('\n'))).join('\n');
}
