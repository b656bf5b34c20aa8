/**
 * House styles. A house style is a folder in `templates/` with a `theme.json` that `extends`
 * another (in the end `_base`, which holds what every style shares: the page frames, the EPUB
 * package templates, one strings file per language). A style holds only what it changes:
 * colours, fonts, CSS, PDF layout numbers, strings.
 *
 * Lookups follow the chain from the style to `_base`: a file is taken from the first folder that
 * has it; JSON settings (`theme.json`, `pdf.json`) are merged, the style's values over its
 * parent's. Nothing in `src/` names a colour, a millimetre or a house style.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '../util/paths.js';

export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');
export const DEFAULT_THEME = 'rijkshuisstijl';
const BASE_THEME = '_base';

export interface ThemeFonts {
  family: string;
  regular: string;
  italic: string;
  semibold: string;
  bold: string;
  boldItalic: string;
  fallback: string;
  fallbackBold: string;
  webRegular: string;
  webItalic: string;
  webSemibold: string;
  webBold: string;
  webBoldItalic: string;
  webLatinExtRegular: string;
  webLatinExtBold: string;
  /** Faces for what the text faces lack, tried in order: symbols, mathematics, emoji (monochrome). */
  symbols?: string[];
}

/** What a web format embeds: theme.json font keys and stylesheets (joined in this order). */
export interface WebSettings {
  webFonts: Array<Exclude<keyof ThemeFonts, 'family' | 'symbols'>>;
  stylesheets: string[];
}

export interface ThemeData {
  name: string;
  description: string;
  /** The style this one builds on; absent only in `_base`. */
  extends?: string;
  /** Language of the UI strings (`strings/<lang>.json` in the chain). */
  lang: string;
  colors: Record<'band' | 'logoDark' | 'accent' | 'sky' | 'text' | 'muted' | 'rule' | 'background', string>;
  /** Package specifiers (`pkg/path/file.ttf`), resolved with `Theme.fontPath`. */
  fonts: ThemeFonts;
  /** Markers of bulleted lists by nesting level (deeper levels repeat the last), in every format. */
  lists: { bullets: string[] };
  html: WebSettings;
  epub: WebSettings & { files: { letter: string; annex: string } };
  /** Strings that differ from the language's strings file. */
  strings?: Record<string, string>;
}

export interface Theme {
  name: string;
  /** Folders of the chain, the style's own first, `_base` last. */
  dirs: string[];
  data: ThemeData;
  /** Absolute path of a file: from the first folder of the chain that has it. */
  file(relative: string): string;
  /** A JSON settings file merged along the chain (the style's values over its parent's). */
  json(relative: string): Record<string, unknown>;
  /** Absolute path of a font named in `theme.json` (from node_modules, never the network). */
  fontPath(key: Exclude<keyof ThemeFonts, 'family' | 'symbols'>): string;
  /** Absolute path of a font package specifier (`pkg/path/file.ttf`). */
  resolveFont(spec: string): string;
  /** A UI string with `{name}` placeholders filled in. */
  t(key: string, values?: Record<string, string | number>): string;
  /** Whether the strings have `key` (for optional wording). */
  has(key: string): boolean;
  /** Every UI string, placeholders unfilled (what characters the style itself adds to a page). */
  allStrings(): string[];
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Theme>();

/** A theme problem is a usage error for `--theme`, and a bug in a shipped style. */
export class ThemeError extends Error {
  override name = 'ThemeError';
}

/**
 * Fills the `{name}` placeholders of a UI string; a placeholder without a value stays visible
 * rather than becoming a blank.
 */
export function fillPlaceholders(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/gu, (_, k: string) => String(values[k] ?? `{${k}}`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `over` on top of `under`: objects merge key by key, anything else (arrays too) replaces. */
export function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isRecord(below) && isRecord(value) ? deepMerge(below, value) : value;
  }
  return out;
}

function readJson(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ThemeError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isRecord(parsed)) throw new ThemeError(`${path}: not a JSON object`);
  return parsed;
}

/** The folders of a style's chain, its own first. */
function chainOf(name: string): string[] {
  const dirs: string[] = [];
  let current: string | undefined = name;
  while (current !== undefined) {
    if (!/^[\w-]+$/u.test(current)) throw new ThemeError(`"${current}" is not a house style name (letters, digits, - and _ only)`);
    const dir = join(TEMPLATES_DIR, current);
    if (dirs.includes(dir)) throw new ThemeError(`house style "${name}": "extends" goes round in a circle at "${current}"`);
    if (!existsSync(join(dir, 'theme.json'))) throw new ThemeError(`there is no house style "${current}" (expected templates/${current}/theme.json)`);
    dirs.push(dir);
    const own = readJson(join(dir, 'theme.json'));
    current = typeof own.extends === 'string' ? own.extends : current === BASE_THEME ? undefined : BASE_THEME;
  }
  return dirs;
}

function resolveFont(spec: string): string {
  try {
    return require.resolve(spec);
  } catch {
    // Font packages without an `exports` map for their files: resolve through node_modules.
    return join(REPO_ROOT, 'node_modules', spec);
  }
}

export function loadTheme(name: string = DEFAULT_THEME): Theme {
  const cached = cache.get(name);
  if (cached) return cached;
  const dirs = chainOf(name);
  const mergedJson = new Map<string, Record<string, unknown>>();
  const json = (relative: string): Record<string, unknown> => {
    let merged = mergedJson.get(relative);
    if (!merged) {
      merged = {};
      for (const dir of [...dirs].reverse()) {
        const path = join(dir, relative);
        if (existsSync(path)) merged = deepMerge(merged, readJson(path));
      }
      mergedJson.set(relative, merged);
    }
    return merged;
  };
  const data = { ...json('theme.json'), name } as unknown as ThemeData;
  const file = (relative: string): string => {
    for (const dir of dirs) {
      const path = join(dir, relative);
      if (existsSync(path)) return path;
    }
    throw new ThemeError(`house style ${name}: no file "${relative}" in ${dirs.map((d) => d.slice(TEMPLATES_DIR.length + 1)).join(', ')}`);
  };
  const strings = { ...(json(`strings/${data.lang}.json`) as Record<string, string>), ...(data.strings ?? {}) };
  const theme: Theme = {
    name,
    dirs,
    data,
    file,
    json,
    fontPath: (key) => resolveFont(data.fonts[key]),
    resolveFont,
    t: (key, values = {}) => {
      const template = strings[key];
      if (template === undefined) throw new ThemeError(`house style ${name}: no string "${key}" in strings/${data.lang}.json`);
      return fillPlaceholders(template, values);
    },
    has: (key) => key in strings,
    allStrings: () => Object.values(strings),
  };
  cache.set(name, theme);
  return theme;
}

/** The bullet of a list at nesting `depth` (0 = outermost). */
export function bulletAt(theme: Theme, depth: number): string {
  const bullets = theme.data.lists.bullets;
  if (bullets.length === 0) throw new ThemeError(`house style ${theme.name}: lists.bullets is empty`);
  return bullets[Math.min(depth, bullets.length - 1)]!;
}

/** The installed house styles (folders of `templates/` with a theme.json, `_base` excluded), by name. */
export function listThemes(): Array<{ name: string; description: string }> {
  return readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && existsSync(join(TEMPLATES_DIR, e.name, 'theme.json')))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, description: String(readJson(join(TEMPLATES_DIR, name, 'theme.json')).description ?? '') }));
}
