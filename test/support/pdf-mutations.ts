/**
 * Font surgery on a built test PDF (`Built` from the factory): the defects several checker tests
 * need, in one place.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import { glyphId, type Built } from './pdf-factory.js';


export const fontOnPage = (b: Built, name: string): PDFDict =>
  b.pages[0]!.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of(name), PDFDict);
/** The CIDFontType2 under F1 (Fira, Type 0). */
export const cidFontOf = (b: Built): PDFDict => fontOnPage(b, 'F1').lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Makes F1 a subset (`ABCDEF+` name) with a CIDSet that has exactly these CIDs set. */
export function subsetWithCidSet(b: Built, cids: number[]): void {
  const bits = new Uint8Array(Math.ceil((Math.max(...cids) + 1) / 8));
  for (const cid of cids) bits[cid >> 3]! |= 0x80 >> (cid & 7);
  const cidFont = cidFontOf(b);
  cidFont.set(PDFName.of('BaseFont'), PDFName.of('ABCDEF+FiraSans-Regular'));
  cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict).set(PDFName.of('CIDSet'), b.context.register(b.context.stream(bits)));
}

/** A CIDToGIDMap stream that maps CID c to glyph c for the first `count` CIDs (Identity written out). */
export function identityMapStream(b: Built, count: number): void {
  const map = new Uint8Array(count * 2);
  for (let cid = 0; cid < count; cid += 1) {
    map[cid * 2] = cid >> 8;
    map[cid * 2 + 1] = cid & 0xff;
  }
  cidFontOf(b).set(PDFName.of('CIDToGIDMap'), b.context.register(b.context.stream(map)));
}

/** Adds `delta` to the /W width of a character's glyph (its CID under Identity-H). */
export function shiftWidth(b: Built, ch: string, delta: number): void {
  const cid = glyphId(ch);
  const w = cidFontOf(b).lookup(PDFName.of('W'), PDFArray);
  for (let i = 0; i < w.size(); i += 2) {
    if (w.lookup(i, PDFNumber).asNumber() !== cid) continue;
    const widths = w.lookup(i + 1, PDFArray);
    widths.set(0, PDFNumber.of(widths.lookup(0, PDFNumber).asNumber() + delta));
    return;
  }
  throw new Error(`CID ${cid} has no /W entry`);
}
