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

/** Said for the author: which character, its Unicode name, and which fonts were tried. */
async function missingGlyphMessage(char: string, tried: readonly string[]): Promise<string> {
  // Only on this error path: the names table is large.
  const { unicodeName } = await import('unicode-name');
  const described = [...char].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${unicodeName(c) ?? 'unnamed character'}`).join(' + ');
  return `the character "${char}" (${described}) is in none of the fonts the house style embeds (tried ${[...new Set(tried)].join(', ')}): replace it or leave it out`;
}

export async function makePrintLayout(input: RenderInput): Promise<PrintLayout> {
  const { layoutPdf, MissingGlyphError } = await import('./pdf/index.js');
  try {
    const pdf = layoutPdf(input);
    return { pageStarts: pdf.pageStarts, pdf };
  } catch (err) {
    if (err instanceof MissingGlyphError) {
      const { letter } = input;
      throw new InputError(letter.source.path, sourceLineOf(letter, err.char) ?? 1, 'missing-glyph', await missingGlyphMessage(err.char, err.tried));
    }
    throw err;
  }
}
