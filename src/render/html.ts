/**
 * The HTML publication: one self-contained, script-free file. Fonts are inline data: URIs, the
 * stylesheet is one inline `<style>` whose SHA-256 the Content-Security-Policy names, so the page
 * makes no request at all and nothing else could run in it. Markup comes from the theme's
 * Handlebars partials (shared with EPUB), page frame from `templates/<theme>/html/page.hbs`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ThemeFonts } from './theme.js';
import type { RenderInput } from './types.js';
import { createMarkup, letterView, type LetterView } from './markup.js';
import type { StringLookup } from './markup/strings.js';
import { fontFaceCss, webFontFaces } from './markup/web-fonts.js';
import { readFileCached } from '../util/read-cached.js';

interface PageConfig {
  webFonts: (keyof ThemeFonts)[];
  /** Theme files joined into the page's one inline stylesheet, in order. */
  stylesheets: string[];
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`);
}

/** Theme colours as custom properties, so html.css names no colour of its own (except dark mode). */
function colorProperties(colors: Record<string, string>): string {
  const safe = Object.entries(colors).filter(([, v]) => /^#[0-9a-f]{3,8}$/iu.test(v));
  return `:root {\n${safe.map(([k, v]) => `  --${kebab(k)}: ${v};`).join('\n')}\n}`;
}

/**
 * A CSS string literal for any text: quotes, backslashes, line ends and `<` (which could end the
 * `<style>` element) become escapes.
 */
export function cssString(text: string): string {
  return `"${text.replace(/["\\<>\n\r\f]/gu, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** `Pagina {page} van {pages}` → `"Pagina " counter(page) " van " counter(pages)`. */
function pageCounterContent(template: string): string {
  return template
    .split(/(\{page\}|\{pages\})/u)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/**
 * Running header of printed pages 2+ (house style): organisation, date, our reference and the
 * page number, over the reference column. Page 1 has the logo band instead.
 */
function printRunningHeader(input: RenderInput, view: LetterView, t: StringLookup): string {
  const ours = input.letter.fields.find((f) => f.kind === 'ourReference');
  const lines = [view.organisation, '', t('date'), view.date.text];
  if (ours) lines.push('', ours.label, ...ours.values.map((v) => v.text));
  const text = lines.map((l) => `${cssString(l)} "\\a "`).join(' ');
  const page = pageCounterContent(t('page', { page: '{page}', pages: '{pages}' }));
  return [
    '@media print {',
    '  @page {',
    `    @top-right { content: ${text} "\\a " ${page}; }`,
    '  }',
    '  @page :first {',
    '    @top-right { content: none; }',
    '  }',
    '}',
  ].join('\n');
}

export function htmlStylesheet(input: RenderInput, view: LetterView): string {
  const { theme } = input;
  const config = JSON.parse(readFileSync(theme.file('html/page.json'), 'utf8')) as PageConfig;
  const faces = webFontFaces(theme, config.webFonts);
  const fonts = fontFaceCss(faces, (f) => `data:font/woff2;base64,${readFileCached(f.file).toString('base64')}`);
  const markup = createMarkup(theme, { xhtml: false });
  const css = config.stylesheets.map((f) => readFileSync(theme.file(f), 'utf8').trim()).join('\n\n');
  return [fonts, colorProperties(view.colors), css, printRunningHeader(input, view, markup.t)].join('\n') + '\n';
}

/** The page may load nothing but its own inline style and data: fonts/images; no script at all. */
export function contentSecurityPolicy(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function renderHtml(input: RenderInput): string {
  const markup = createMarkup(input.theme, { xhtml: false });
  const view = letterView(input);
  const css = htmlStylesheet(input, view);
  return markup.template('html/page', { ...view, css, csp: contentSecurityPolicy(css) });
}
