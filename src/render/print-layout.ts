/**
 * The letter set on printed pages, made once per letter and shared: the PDF writer draws it, the
 * EPUB takes its page starts for the page list (so the letter is never laid out twice).
 *
 * A character no embedded font can draw is found here, while setting the text: it is a property of
 * the input, reported at its source line.
 */
import { sourceLineOf } from '../model/text.js';
import type { PageStart } from '../model/page-starts.js';
import { InputError } from '../readers/shared/diagnostics.js';
import type { PdfLayoutResult } from './pdf/index.js';
import type { RenderInput } from './types.js';

export interface PrintLayout {
  pageStarts: PageStart[];
  /** The PDF layout itself (opaque outside `render/pdf`). */
  pdf: PdfLayoutResult;
}

export async function makePrintLayout(input: RenderInput): Promise<PrintLayout> {
  const { layoutPdf, MissingGlyphError } = await import('./pdf/index.js');
  try {
    const pdf = layoutPdf(input);
    return { pageStarts: pdf.pageStarts, pdf };
  } catch (err) {
    if (err instanceof MissingGlyphError) {
      const { letter } = input;
      throw new InputError(letter.source.path, sourceLineOf(letter, err.char) ?? 1, 'missing-glyph', err.message.replace(/^PDF: /u, 'cannot publish the PDF: '));
    }
    throw err;
  }
}
