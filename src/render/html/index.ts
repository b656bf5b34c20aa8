/**
 * The HTML publication: one self-contained, script-free file. Fonts are inline data: URIs, the
 * stylesheet is one inline `<style>` whose SHA-256 the Content-Security-Policy names, so the page
 * makes no request at all and nothing else could run in it. The letter is the shared tree
 * (`web/tree.ts`); the page frame around it is the house style's `html/page.hbs`.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { RenderInput } from '../types.js';
import { bulletCss, buildLetterTree } from '../web/tree.js';
import { serialize } from '../web/serialize.js';
import { fallbackFaceCss, fallbackFaces } from '../web/fallback-fonts.js';
import { fontFaceCss, webFontFaces } from '../web/fonts.js';
import { readFileCached } from '../../util/read-cached.js';
import type { Theme } from '../theme.js';

const MAIN_ID = 'inhoud';

function kebab(name: string): string {
  return name.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`);
}

/** Theme colours as custom properties, so the CSS names no colour of its own (except dark mode). */
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
function printRunningHeader(input: RenderInput): string {
  const { letter, theme } = input;
  const ours = letter.fields.find((f) => f.kind === 'ourReference');
  const lines = [letter.sender.organisation.text, '', theme.t('date'), letter.date.text];
  if (ours) lines.push('', ours.label, ...ours.values.map((v) => v.text));
  const text = lines.map((l) => `${cssString(l)} "\\a "`).join(' ');
  const page = pageCounterContent(theme.t('page', { page: '{page}', pages: '{pages}' }));
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

const base64 = new Map<string, string>();

/** A font file as base64, encoded once per process (a batch embeds the same fonts in every page). */
function base64Of(file: string): string {
  let text = base64.get(file);
  if (text === undefined) {
    text = readFileCached(file).toString('base64');
    base64.set(file, text);
  }
  return text;
}

export async function htmlStylesheet(input: RenderInput): Promise<string> {
  const { theme } = input;
  const settings = theme.data.html;
  const faces = webFontFaces(theme, settings.webFonts, input.letter);
  const fallbacks = await fallbackFaces(theme, input.letter, faces);
  const fonts = [
    fontFaceCss(faces, (f) => `data:font/woff2;base64,${base64Of(f.file)}`),
    ...(fallbacks.length ? [fallbackFaceCss(fallbacks, faces, (f) => `data:font/ttf;base64,${Buffer.from(f.data).toString('base64')}`)] : []),
  ].join('\n');
  const css = settings.stylesheets.map((f) => readFileCached(theme.file(f)).toString('utf8').trim()).join('\n\n');
  return [fonts, colorProperties(theme.data.colors), bulletCss(theme), css, printRunningHeader(input)].join('\n') + '\n';
}

/** The page may load nothing but its own inline style and data: fonts/images; no script at all. */
export function contentSecurityPolicy(css: string): string {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'`;
}

const frames = new Map<string, Handlebars.TemplateDelegate<Record<string, unknown>>>();

function pageFrame(theme: Theme): Handlebars.TemplateDelegate<Record<string, unknown>> {
  const path = theme.file('html/page.hbs');
  let frame = frames.get(path);
  if (!frame) {
    // The frame's final line end is the file's, not the page's.
    frame = Handlebars.create().compile(readFileCached(path).toString('utf8').replace(/\r?\n$/u, ''), { strict: true, preventIndent: true });
    frames.set(path, frame);
  }
  return frame;
}

export async function renderHtml(input: RenderInput): Promise<string> {
  const { meta, theme } = input;
  const tree = buildLetterTree(input, {
    epub: false,
    // One file: pictures travel inside it (the policy allows data: images and nothing else).
    imageSrc: (img) => `data:${img.data.mediaType};base64,${Buffer.from(img.data.bytes).toString('base64')}`,
  });
  const notes = tree.notes();
  const letter = [tree.letterhead, tree.reference, tree.body, ...(tree.annex ? [tree.annex] : []), ...(notes ? [notes] : [])];
  const css = await htmlStylesheet(input);
  return pageFrame(theme)({
    lang: meta.lang,
    csp: contentSecurityPolicy(css),
    title: meta.title,
    author: meta.author,
    description: meta.description,
    isoDate: meta.isoDate,
    css,
    mainId: MAIN_ID,
    skipLink: theme.t('skipLink'),
    masthead: serialize(tree.masthead, false),
    letter: letter.map((e) => serialize(e, false)).join('\n'),
  });
}
