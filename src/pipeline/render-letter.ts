/**
 * One letter, in memory: read it with the reader its extension names, derive its metadata, set it
 * on pages once when a format needs that, and write every requested format. Nothing touches the
 * output folder here.
 */
import { checkDocument } from '../check/document/index.js';
import type { Finding } from '../check/types.js';
import { FORMATS, type OutputFormat, type PdfStandard } from '../formats.js';
import type { Letter } from '../model/ast.js';
import { letterMetadata, type ClaimOptions } from '../model/metadata.js';
import { basename } from 'node:path';
import { readLetter } from '../readers/index.js';
import { readInputFile } from '../readers/shared/read-file.js';
import type { Diagnostic } from '../readers/shared/diagnostics.js';
import { makePrintLayout } from '../render/print-layout.js';
import { loadTheme } from '../render/theme.js';
import type { RenderInput } from '../render/types.js';

export interface RenderedFile {
  format: OutputFormat;
  /** File name in the output folder: `STEM.pdf`. */
  file: string;
  data: Uint8Array;
  pages?: number;
}

export interface Rendered {
  letter: Letter;
  warnings: Diagnostic[];
  /** What the document rules found in the model (before any writer ran). */
  document: Finding[];
  files: RenderedFile[];
}

/** What rendering a letter came to, as plain data (it may cross from a worker thread). */
export type RenderResult =
  | { kind: 'rendered'; rendered: Rendered }
  | { kind: 'input-error'; diagnostic: Diagnostic }
  | { kind: 'internal-error'; message: string; stack?: string };

export interface RenderOptions {
  formats: readonly OutputFormat[];
  theme?: string;
  /** What the publications may say about their accessibility (see `AccessibilityClaim`). */
  claim: ClaimOptions;
  /** The standards the PDF claims (`--pdf-standard`); the PDF writer's default when absent. */
  pdfStandard?: PdfStandard;
}

export async function renderLetter(inputPath: string, options: RenderOptions): Promise<Rendered> {
  const { formats } = options;
  const { letter, warnings } = await readLetter(inputPath);
  const document = checkDocument(letter);
  const theme = loadTheme(options.theme);
  const pdfStandard = options.pdfStandard;
  // PDF/A-3 archives the letter's own source inside the PDF (the bytes the reader read, again).
  const source = pdfStandard === 'a3a-ua1'
    ? { name: basename(inputPath), bytes: await readInputFile(inputPath), description: theme.t('sourceAttachment', { name: basename(inputPath) }) }
    : undefined;
  const input: RenderInput = {
    letter, meta: letterMetadata(letter, theme.t, options.claim), theme,
    options: { ...(pdfStandard ? { pdfStandard } : {}), ...(source ? { source } : {}) },
  };
  const stem = letter.source.stem;
  const wanted = FORMATS.filter((f) => formats.includes(f.format));
  const printLayout = wanted.some((f) => f.needsPrintLayout) ? await makePrintLayout(input) : undefined;
  const files: RenderedFile[] = [];
  for (const spec of wanted) {
    const written = await spec.write({ ...input, stem, ...(printLayout ? { printLayout } : {}) });
    files.push({ format: spec.format, file: `${stem}${spec.extension}`, data: written.data, ...(written.pages !== undefined ? { pages: written.pages } : {}) });
  }
  return { letter, warnings, document, files };
}
