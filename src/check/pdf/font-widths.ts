/**
 * Glyph widths for 7.21.5-1: the width the font dictionary declares for a character code and
 * the width the embedded font program gives its glyph, both in glyph space (1/1000 em).
 *
 * The arithmetic follows veraPDF (veraPDF-validation `GFGlyph.checkWidths`, veraPDF-parser
 * `PDFont.getWidth`, `PDCIDFont.getWidth`, `CIDWArray`, `BaseTrueTypeProgram`), so both checkers
 * fail the same glyphs:
 * - simple fonts: `Widths[code − FirstChar]` when FirstChar ≤ code ≤ LastChar, else the
 *   descriptor's MissingWidth, else 0;
 * - CIDFonts: the CID's entry in /W (single entries before ranges), else /DW, else 1000;
 * - TrueType programs: hmtx advance × (1000 / unitsPerEm) in single precision; a glyph id at or
 *   above numberOfHMetrics takes the last long metric, one at or above numGlyphs glyph 0's;
 * - consistent means |declared − program| ≤ 1.
 */
import { PDFArray, PDFNumber, type PDFDict } from 'pdf-lib';
import { get, getArray, getNumber, items } from './pdf-objects.js';
import type { TrueTypeInfo } from './truetype.js';

/** veraPDF's tolerance: "consistent is defined to be a difference of no more than 1/1000 unit". */
export const WIDTH_TOLERANCE = 1;

const DEFAULT_CID_WIDTH = 1000;

export interface WidthPair {
  /** From the font dictionary (/W, /DW, /Widths, MissingWidth). */
  declared: number;
  /** From the embedded program. */
  program: number;
}

export function widthsAgree(pair: WidthPair): boolean {
  return Math.abs(pair.program - pair.declared) <= WIDTH_TOLERANCE;
}

/** The declared width of each CID of a CIDFont, from /W and /DW, read once. */
export function cidWidths(cidFont: PDFDict | undefined): (cid: number) => number {
  const dw = get(cidFont, 'DW');
  const defaultWidth = dw instanceof PDFNumber ? dw.asNumber() : DEFAULT_CID_WIDTH;
  const singles = new Map<number, number>();
  const ranges: Array<{ first: number; last: number; width: number }> = [];
  if (cidFont) {
    const w = items(cidFont.context, getArray(cidFont, 'W'));
    for (let i = 0; i + 1 < w.length; ) {
      const first = w[i];
      const next = w[i + 1];
      if (!(first instanceof PDFNumber)) break;
      if (next instanceof PDFArray) {
        items(cidFont.context, next).forEach((width, k) => {
          if (width instanceof PDFNumber) singles.set(first.asNumber() + k, width.asNumber());
        });
        i += 2;
      } else if (next instanceof PDFNumber) {
        const width = w[i + 2];
        // A W array cut off in the middle of a range: the rest is unusable (veraPDF stops too).
        if (!(width instanceof PDFNumber)) break;
        ranges.push({ first: first.asNumber(), last: next.asNumber(), width: width.asNumber() });
        i += 3;
      } else {
        break;
      }
    }
  }
  return (cid) => {
    const single = singles.get(cid);
    if (single !== undefined) return single;
    for (const r of ranges) if (cid >= r.first && cid <= r.last) return r.width;
    return defaultWidth;
  };
}

/** The declared width of each code of a simple font, from /Widths, /FirstChar, /LastChar, MissingWidth. */
export function simpleWidths(font: PDFDict, descriptor: PDFDict | undefined): (code: number) => number {
  const firstChar = getNumber(font, 'FirstChar');
  const lastChar = getNumber(font, 'LastChar');
  const widths = items(font.context, getArray(font, 'Widths'));
  const missingWidth = getNumber(descriptor, 'MissingWidth') ?? 0;
  return (code) => {
    if (firstChar !== undefined && lastChar !== undefined && widths.length > 0 && code >= firstChar && code <= lastChar) {
      const width = widths[code - firstChar];
      // An entry missing from a short or damaged array counts as 0, as in veraPDF.
      return width instanceof PDFNumber ? width.asNumber() : 0;
    }
    return missingWidth;
  };
}

/**
 * The advance width of a glyph in glyph space, the way veraPDF scales it (float arithmetic);
 * undefined when the program has no usable horizontal metrics.
 */
export function programWidth(program: TrueTypeInfo, gid: number): number | undefined {
  if (program.numberOfHMetrics === 0 || program.unitsPerEm === 0) return undefined;
  // Past the last glyph veraPDF falls back to glyph 0 (.notdef); advanceWidth already repeats
  // the last long metric for the monospaced tail below numGlyphs.
  const advance = program.advanceWidth(gid < program.numGlyphs ? gid : 0);
  return Math.fround(advance * Math.fround(1000 / program.unitsPerEm));
}
