/**
 * Web fonts of a theme as `@font-face` rules. The unicode-range, weight and style of each file
 * are taken from the font package's own CSS (@fontsource ships one rule per subset file), so the
 * latin and latin-ext subsets combine into one family without any numbers copied into our code.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Letter, Mark } from '../../model/ast.js';
import { walkLetter } from '../../model/visit.js';
import type { Theme, ThemeFonts } from '../theme.js';
import { readFileCached } from '../../util/read-cached.js';

/** A web font of the house style (theme.json `fonts`, a woff2 file). */
export type WebFontKey = Exclude<keyof ThemeFonts, 'family' | 'symbols'>;

export interface WebFontFace {
  family: string;
  style: string;
  weight: string;
  /** Absent when the package does not restrict the file to a range. */
  unicodeRange?: string;
  /** Absolute path of the woff2 file. */
  file: string;
}

function descriptor(rule: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*:\\s*([^;]+);`, 'u').exec(rule)?.[1]?.trim();
}

const rules = new Map<string, string>();

/** The package's `@font-face` rule whose `src` names this file (looked up once per process). */
function packageRule(file: string): string {
  const known = rules.get(file);
  if (known !== undefined) return known;
  const rule = findPackageRule(file);
  rules.set(file, rule);
  return rule;
}

function findPackageRule(file: string): string {
  const name = basename(file);
  const packageDir = dirname(dirname(file));
  const m = /-(\d{3})-(normal|italic)\.woff2$/u.exec(name);
  const likely = m ? [`${m[1]}${m[2] === 'italic' ? '-italic' : ''}.css`] : [];
  const all = readdirSync(packageDir).filter((f) => f.endsWith('.css')).sort();
  for (const cssFile of [...likely, ...all]) {
    const css = readFileCached(join(packageDir, cssFile)).toString('utf8');
    for (const rule of css.match(/@font-face\s*\{[^}]*\}/gu) ?? []) {
      if (rule.includes(`/${name})`)) return rule;
    }
  }
  throw new Error(`no @font-face rule for ${name} in the CSS of ${packageDir}: cannot tell its unicode-range and weight`);
}

/**
 * The faces a letter needs of those the style lists: italic faces only when the letter has
 * emphasis (the text export never has), so a page carries no font it does not use.
 */
export function webFontFaces(theme: Theme, keys: readonly WebFontKey[], letter?: Letter): WebFontFace[] {
  const marks = new Set<Mark>();
  if (letter) walkLetter(letter, { inline: (i) => { if (i.type === 'text' || i.type === 'link') for (const m of i.marks ?? []) marks.add(m); } });
  const faces = keys.map((key) => {
    const file = theme.fontPath(key);
    const rule = packageRule(file);
    const range = descriptor(rule, 'unicode-range');
    return {
      family: theme.data.fonts.family,
      style: descriptor(rule, 'font-style') ?? 'normal',
      weight: descriptor(rule, 'font-weight') ?? '400',
      ...(range ? { unicodeRange: range } : {}),
      file,
    };
  });
  return letter ? faces.filter((f) => f.style !== 'italic' || marks.has('emphasis')) : faces;
}

/** `@font-face` rules; `src` gives the URL of each file (a data: URI for HTML, a path for EPUB). */
export function fontFaceCss(faces: readonly WebFontFace[], src: (face: WebFontFace) => string): string {
  return faces.map((f) => [
    '@font-face {',
    `  font-family: "${f.family.replace(/["\\]/gu, '')}";`,
    `  font-style: ${f.style};`,
    `  font-weight: ${f.weight};`,
    '  font-display: swap;',
    `  src: url(${src(f)}) format("woff2");`,
    ...(f.unicodeRange ? [`  unicode-range: ${f.unicodeRange};`] : []),
    '}',
  ].join('\n')).join('\n');
}
