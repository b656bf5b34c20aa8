/**
 * The one way tests get from a letter to what the writers take and give: read (through the
 * readers table, as the pipeline does, or from crafted text) → metadata → house style → render
 * input, and from there every format through the formats table, the print layout made once.
 */
import { FORMATS } from '../../src/formats.js';
import type { Letter } from '../../src/model/ast.js';
import { letterMetadata, type ClaimOptions } from '../../src/model/metadata.js';
import type { PageStart } from '../../src/model/page-starts.js';
import { readLetter } from '../../src/readers/index.js';
import type { Diagnostic } from '../../src/readers/shared/diagnostics.js';
import { parseLetterText, type ParseResult } from '../../src/readers/word-text/parse-letter.js';
import { makePrintLayout, type PrintLayout } from '../../src/render/print-layout.js';
import { loadTheme } from '../../src/render/theme.js';
import type { EpubRenderInput, RenderInput } from '../../src/render/types.js';
import { letterText, type LetterParts } from './letters.js';

/** A letter to render: a file on disk, crafted text or parts, or a model a test built or changed. */
export type LetterSource =
  | string
  | { text: string; file?: string }
  | { parts: LetterParts; file?: string }
  | { letter: Letter };

export interface Input extends RenderInput {
  warnings: Diagnostic[];
}

export async function readSource(source: LetterSource): Promise<ParseResult> {
  if (typeof source === 'string') return readLetter(source);
  if ('letter' in source) return { letter: source.letter, warnings: [] };
  const text = 'text' in source ? source.text : letterText(source.parts);
  return parseLetterText(source.file ?? 'crafted.txt', Buffer.from(text, 'utf8'));
}

/**
 * What every writer takes. Metadata never reads the environment here (no SOURCE_DATE_EPOCH from
 * the shell running the tests). The accessibility claim is that of a build without checks unless
 * a test names another (`--no-check` is the default here; the pipeline's builds say `checked`).
 */
export async function renderInputOf(source: LetterSource, options: { theme?: string; claim?: ClaimOptions } = {}): Promise<Input> {
  const { letter, warnings } = await readSource(source);
  const theme = loadTheme(options.theme);
  return { letter, meta: letterMetadata(letter, theme.t, options.claim ?? { checked: false }, {}), theme, warnings };
}

/** The EPUB's input: the render input with page starts (the PDF's, or a test's own). */
export function epubInputOf(input: RenderInput, pageStarts: readonly PageStart[]): EpubRenderInput {
  return { letter: input.letter, meta: input.meta, theme: input.theme, pageStarts, pdfFileName: `${input.letter.source.stem}.pdf` };
}

export interface RenderedLetter {
  input: Input;
  printLayout: PrintLayout;
  html: string;
  pdf: Uint8Array;
  epub: Uint8Array;
  pageStarts: PageStart[];
}

/** Every format of a letter, as the pipeline writes them (formats table, one print layout). */
export async function renderAll(source: LetterSource, options: { theme?: string } = {}): Promise<RenderedLetter> {
  const input = await renderInputOf(source, options);
  const printLayout = await makePrintLayout(input);
  const data = new Map<string, Uint8Array>();
  for (const spec of FORMATS) {
    const written = await spec.write({ letter: input.letter, meta: input.meta, theme: input.theme, stem: input.letter.source.stem, printLayout });
    data.set(spec.format, written.data);
  }
  const get = (format: string): Uint8Array => {
    const d = data.get(format);
    if (!d) throw new Error(`the formats table wrote no ${format}`);
    return d;
  };
  return {
    input,
    printLayout,
    html: Buffer.from(get('html')).toString('utf8'),
    pdf: get('pdf'),
    epub: get('epub'),
    pageStarts: printLayout.pageStarts,
  };
}
