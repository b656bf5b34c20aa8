/**
 * The formats rijkspers publishes, one row each: file extension, what it needs, its writer and
 * its checker, both loaded on first use (a build without checks never loads a browser driver;
 * `--format html` never loads pdfkit). The pipeline loops over this table; the report and the
 * command line read it. A new format is one folder under `src/render/`, one under `src/check/`,
 * and one row here.
 */
import type { OpenChecker, OutputFormat } from './check/types.js';
import type { PrintLayout } from './render/print-layout.js';
import type { RenderInput } from './render/types.js';

export type { OutputFormat } from './check/types.js';

export interface WriteInput extends RenderInput {
  /** The stem of every output file of the letter. */
  stem: string;
  /** The letter set on pages, when the format `needsPrintLayout`. */
  printLayout?: PrintLayout;
}

export interface Written {
  data: Uint8Array;
  /** Printed pages, when the format has pages. */
  pages?: number;
}

export interface FormatSpec {
  format: OutputFormat;
  extension: string;
  mediaType: string;
  /** What it is, for help texts and reports. */
  description: string;
  /** The letter set on pages first (the PDF draws it; the EPUB's page list follows it). */
  needsPrintLayout: boolean;
  write(input: WriteInput): Promise<Written>;
  loadChecker(): Promise<OpenChecker>;
}

function printLayoutOf(input: WriteInput): PrintLayout {
  if (!input.printLayout) throw new Error(`${input.stem}: the print layout was not made before a format that needs it`);
  return input.printLayout;
}

export const FORMATS: readonly FormatSpec[] = [
  {
    format: 'html',
    extension: '.html',
    mediaType: 'text/html',
    description: 'single-file HTML page',
    needsPrintLayout: false,
    write: async (input) => {
      const { renderHtml } = await import('./render/html/index.js');
      return { data: Buffer.from(await renderHtml(input), 'utf8') };
    },
    loadChecker: async () => (await import('./check/html.js')).openHtmlChecker,
  },
  {
    format: 'pdf',
    extension: '.pdf',
    mediaType: 'application/pdf',
    description: 'tagged PDF/UA-1 letter',
    needsPrintLayout: true,
    write: async (input) => {
      const layout = printLayoutOf(input);
      const { writePdf } = await import('./render/pdf/index.js');
      return { data: await writePdf(layout.pdf), pages: layout.pageStarts.length };
    },
    loadChecker: async () => (await import('./check/pdf/index.js')).openPdfChecker,
  },
  {
    format: 'epub',
    extension: '.epub',
    mediaType: 'application/epub+zip',
    description: 'EPUB 3 with a page list from the PDF',
    needsPrintLayout: true,
    write: async (input) => {
      const layout = printLayoutOf(input);
      const { renderEpub } = await import('./render/epub/index.js');
      return { data: await renderEpub({ ...input, pageStarts: layout.pageStarts, pdfFileName: `${input.stem}${formatSpec('pdf').extension}` }) };
    },
    loadChecker: async () => (await import('./check/epub.js')).openEpubChecker,
  },
];

export const FORMAT_NAMES: readonly OutputFormat[] = FORMATS.map((f) => f.format);

/**
 * The PDF standards a PDF can claim (`--pdf-standard`): PDF/UA-1 alone, or with PDF/A-2a or
 * PDF/A-3a (the latter with the letter's source attached). The PDF writer reads the choice.
 */
export const PDF_STANDARDS = ['ua1', 'a2a-ua1', 'a3a-ua1'] as const;
export type PdfStandard = (typeof PDF_STANDARDS)[number];

export function formatSpec(format: OutputFormat): FormatSpec {
  const spec = FORMATS.find((f) => f.format === format);
  if (!spec) throw new Error(`no format "${format}"`);
  return spec;
}

/** The format of an existing file, by extension (`rijkspers check`). */
export function formatOfFile(file: string): OutputFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.htm') || lower.endsWith('.xhtml')) return 'html';
  return FORMATS.find((f) => lower.endsWith(f.extension))?.format;
}
