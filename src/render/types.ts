/** What the pipeline hands every writer and what it gets back. */
import type { Letter, LetterMetadata } from '../model/ast.js';
import type { PageStart } from '../model/page-starts.js';
import type { PdfSourceFile, PdfStandard } from './pdf/write/pdf-standard.js';
import type { Theme } from './theme.js';

export interface RenderInput {
  letter: Letter;
  meta: LetterMetadata;
  theme: Theme;
  options?: RenderOptions;
}

export interface RenderOptions {
  /** PDF standards the PDF claims (default `a2a-ua1`: PDF/A-2a and PDF/UA-1 together). */
  pdfStandard?: PdfStandard;
  /** The letter's source, attached to the PDF for `a3a-ua1`. */
  source?: PdfSourceFile;
}

export interface PdfRendering {
  bytes: Uint8Array;
  pageCount: number;
  /** One entry per page, in order: where it begins in the document model. */
  pageStarts: PageStart[];
}

export interface EpubRenderInput extends RenderInput {
  /** The PDF's page starts, for the page-list; the PDF is the pagination source. */
  pageStarts: readonly PageStart[];
  /** File name of the PDF next to the EPUB (`STEM.pdf`), declared as the pagination source. */
  pdfFileName: string;
}
