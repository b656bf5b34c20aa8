/**
 * The Handlebars environment shared by the HTML page and the EPUB chapters.
 *
 * Partials live in `templates/<theme>/partials/*.hbs` (registered under their file name) and render
 * a `LetterView` (see `letterView`). They must produce well-formed XML as well as HTML: quoted
 * attributes, void elements through the `br` helper, numeric character references only. Two flags
 * fixed when the environment is made change the output:
 *  - `xhtml`: void elements are self-closed (`<br/>`);
 *  - `epub`: the `epubType` helper adds `epub:type` attributes (note calls, notes, back-links).
 *
 * Helpers: `eq a b`, `t "key" name=value…` (UI string), `br`, `epubType "noteref"`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { RenderInput } from './types.js';
import type { Theme } from './theme.js';
import { buildLetterView, type LetterView } from './markup/letter-view.js';
import { markupStrings, type StringLookup } from './markup/strings.js';

export type { LetterView } from './markup/letter-view.js';
export { isSafeHref } from './markup/letter-view.js';

export interface MarkupOptions {
  /** Self-close void elements (XHTML for EPUB). */
  xhtml: boolean;
  /** Add `epub:type` attributes next to the ARIA roles. */
  epub?: boolean;
}

export interface Markup {
  readonly options: Readonly<Required<MarkupOptions>>;
  /** Renders one partial (`letter`, `notes`, `inline` …) with the given context. */
  partial(name: string, context: unknown): string;
  /** Renders a template file of the theme, e.g. `html/page` → `templates/<theme>/html/page.hbs`. */
  template(relativePath: string, context: unknown): string;
  /** UI strings: theme.json first, then markup.json. */
  t: StringLookup;
}

const COMPILE_OPTIONS: CompileOptions = { preventIndent: true, strict: false };
type CompileOptions = Parameters<typeof Handlebars.compile>[1];
type Compiled = Handlebars.TemplateDelegate<unknown>;

const cache = new Map<string, Markup>();

/** Template text without the final line end of the file, which would otherwise end up in the output. */
function readTemplate(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r?\n$/u, '');
}

export function createMarkup(theme: Theme, options: MarkupOptions): Markup {
  const flags = { xhtml: options.xhtml, epub: options.epub ?? false };
  const key = `${theme.dir}\u0000${flags.xhtml}\u0000${flags.epub}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const env = Handlebars.create();
  const t = markupStrings(theme);
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('t', (name: unknown, helperOptions: Handlebars.HelperOptions) => {
    const values = (helperOptions.hash ?? {}) as Record<string, string | number>;
    return t(String(name), values);
  });
  env.registerHelper('br', () => new env.SafeString(flags.xhtml ? '<br/>' : '<br>'));
  env.registerHelper('epubType', (value: unknown) =>
    flags.epub ? new env.SafeString(` epub:type="${env.escapeExpression(String(value))}"`) : '');

  const partials = new Map<string, Compiled>();
  const partialsDir = theme.file('partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    const compiled = env.compile(readTemplate(join(partialsDir, file)), COMPILE_OPTIONS);
    const name = file.slice(0, -'.hbs'.length);
    partials.set(name, compiled);
    env.registerPartial(name, compiled);
  }
  const templates = new Map<string, Compiled>();

  const markup: Markup = {
    options: flags,
    t,
    partial(name, context) {
      const p = partials.get(name);
      if (!p) throw new Error(`theme ${theme.name}: no partial "${name}" in ${partialsDir}`);
      return p(context);
    },
    template(relativePath, context) {
      let compiled = templates.get(relativePath);
      if (!compiled) {
        compiled = env.compile(readTemplate(theme.file(`${relativePath}.hbs`)), COMPILE_OPTIONS);
        templates.set(relativePath, compiled);
      }
      return compiled(context);
    },
  };
  cache.set(key, markup);
  return markup;
}

/** The letter as the partials see it (same for HTML and EPUB). */
export function letterView(input: RenderInput): LetterView {
  return buildLetterView(input, markupStrings(input.theme));
}
