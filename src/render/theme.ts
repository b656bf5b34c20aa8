/**
 * A house style is a folder in `templates/`: `theme.json` (colours, fonts, strings) plus the files
 * each renderer reads from it (HTML templates, PDF layout numbers, EPUB stylesheet). A new house
 * style is a new folder; nothing in `src/` names a colour or a millimetre.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../util/paths.js';

export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');
export const DEFAULT_THEME = 'rijkshuisstijl';

export interface ThemeFonts {
  family: string;
  regular: string;
  italic: string;
  semibold: string;
  bold: string;
  fallback: string;
  fallbackBold: string;
  webRegular: string;
  webItalic: string;
  webSemibold: string;
  webBold: string;
  webLatinExtRegular: string;
  webLatinExtBold: string;
}

export interface ThemeData {
  name: string;
  description: string;
  colors: Record<'band' | 'logoDark' | 'accent' | 'sky' | 'text' | 'muted' | 'rule' | 'background', string>;
  /** Package specifiers (`pkg/path/file.ttf`), resolved with `Theme.fontPath`. */
  fonts: ThemeFonts;
  strings: Record<string, string>;
}

export interface Theme {
  name: string;
  /** Absolute path of the theme folder. */
  dir: string;
  data: ThemeData;
  /** Absolute path of a file in the theme folder. */
  file(relative: string): string;
  /** Absolute path of a font named in `theme.json` (from node_modules, never the network). */
  fontPath(key: keyof ThemeFonts): string;
  /** A UI string with `{name}` placeholders filled in. */
  t(key: string, values?: Record<string, string | number>): string;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Theme>();

/**
 * Fills the `{name}` placeholders of a UI string (theme.json, markup.json, pdf.json, epub.json all
 * use this form); a placeholder without a value stays visible rather than becoming a blank.
 */
export function fillPlaceholders(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/gu, (_, k: string) => String(values[k] ?? `{${k}}`));
}

export function loadTheme(name: string = DEFAULT_THEME): Theme {
  const cached = cache.get(name);
  if (cached) return cached;
  const dir = join(TEMPLATES_DIR, name);
  const data = JSON.parse(readFileSync(join(dir, 'theme.json'), 'utf8')) as ThemeData;
  const theme: Theme = {
    name,
    dir,
    data,
    file: (relative) => join(dir, relative),
    fontPath: (key) => {
      const spec = data.fonts[key];
      try {
        return require.resolve(spec);
      } catch {
        // Font packages without an `exports` map for their files: resolve through node_modules.
        return join(REPO_ROOT, 'node_modules', spec);
      }
    },
    t: (key, values = {}) => {
      const template = data.strings[key];
      if (template === undefined) throw new Error(`theme ${name}: no string "${key}" in theme.json`);
      return fillPlaceholders(template, values);
    },
  };
  cache.set(name, theme);
  return theme;
}
