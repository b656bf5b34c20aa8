/**
 * Subset declarations (7.21.4.2): a subset font's CIDSet (CIDFonts, 7.21.4.2-2) or CharSet
 * (Type 1 fonts, 7.21.4.2-1) must list exactly the glyphs of the embedded program. Like veraPDF,
 * only subsets (BaseFont `ABCDEF+…`) that are embedded and carry the list are judged.
 *
 * What the program holds, as veraPDF reads it (veraPDF-validation `GFPDCIDFont` /
 * `GFPDType1Font`, veraPDF-parser `CIDFontType2Program.getCIDList`/`containsCID`):
 * - CIDFontType2 with /CIDToGIDMap /Identity: CIDs 1 … numGlyphs − 1 must all be set, and no bit
 *   at or above numGlyphs. (veraPDF requires only the CIDs below hhea.numberOfHMetrics, which is
 *   numGlyphs in every font we have seen; the glyphs of the monospaced tail are in the program
 *   all the same, so they are required here.)
 * - CIDFontType2 with a CIDToGIDMap stream: CID c ≥ 1 is in the program when the map has an entry
 *   for it and that glyph id is below numGlyphs (an entry of 0, .notdef, counts, as in veraPDF).
 * - CID 0 (.notdef) is ignored either way, and only the first 16384 bytes of a CIDSet are read.
 * - Type 1: the CharSet names equal the /CharStrings keys, .notdef aside.
 *
 * Not judged: CIDFontType0 (CFF) programs and Type 1 fonts embedded as FontFile3 (Type1C), whose
 * glyph lists live in a CFF charset with SIDs into the 391 CFF standard strings; rijkspers has no
 * CFF reader, and reporting on a guess would be worse than reporting nothing.
 */
import type { PDFDict } from 'pdf-lib';
import { getName, getNumber, getStream, getText, streamBytes } from './pdf-objects.js';
import type { TrueTypeInfo } from './truetype.js';
import { readType1GlyphNames } from './type1.js';

export interface SubsetProblem {
  rule: '7.21.4.2-1' | '7.21.4.2-2';
  message: string;
}

const SUBSET_PREFIX = /^[A-Z]{6}\+/;
/** veraPDF reads at most this many bytes of a CIDSet (GFPDCIDFont.maxSize). */
const MAX_CIDSET_BYTES = 16384;
const MAX_LISTED = 5;

/** `CID 7`, `CIDs 2, 3`, `CIDs 8, 9, 10, 11, 12 … (2669 in all)`. */
function listed(what: string, values: ReadonlyArray<number | string>): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  const noun = values.length === 1 ? what : `${what}s`;
  return values.length > MAX_LISTED ? `${noun} ${shown} … (${values.length} in all)` : `${noun} ${shown}`;
}

function isEmbeddedDescriptor(descriptor: PDFDict | undefined): boolean {
  return Boolean(getStream(descriptor, 'FontFile') ?? getStream(descriptor, 'FontFile2') ?? getStream(descriptor, 'FontFile3'));
}

/**
 * 7.21.4.2-2 for a CIDFontType2 whose TrueType program has been read. `cidToGid` is undefined for
 * /Identity (or no map), else the decoded map stream.
 */
export function checkCidSet(
  cidFont: PDFDict | undefined,
  descriptor: PDFDict | undefined,
  program: TrueTypeInfo,
  cidToGid: Uint8Array | undefined,
): SubsetProblem | undefined {
  const cidSetStream = getStream(descriptor, 'CIDSet');
  if (!cidSetStream || !isEmbeddedDescriptor(descriptor)) return undefined;
  if (!SUBSET_PREFIX.test(getName(cidFont, 'BaseFont') ?? '')) return undefined;
  const bits = streamBytes(cidSetStream).subarray(0, MAX_CIDSET_BYTES);
  const isSet = (cid: number): boolean => cid >> 3 < bits.length && (bits[cid >> 3]! & (0x80 >> (cid & 7))) !== 0;

  const mapEntries = cidToGid ? Math.ceil(cidToGid.length / 2) : undefined;
  const inProgram = (cid: number): boolean => {
    if (cid === 0) return false;
    if (mapEntries === undefined) return cid < program.numGlyphs;
    if (cid >= mapEntries) return false;
    const gid = cid * 2 + 1 < cidToGid!.length ? (cidToGid![cid * 2]! << 8) | cidToGid![cid * 2 + 1]! : cidToGid![cid * 2]! << 8;
    return gid < program.numGlyphs;
  };
  const lastCid = mapEntries === undefined ? program.numGlyphs - 1 : mapEntries - 1;

  const unlisted: number[] = [];
  for (let cid = 1; cid <= lastCid; cid += 1) if (inProgram(cid) && !isSet(cid)) unlisted.push(cid);
  const extra: number[] = [];
  for (let cid = 1; cid < bits.length * 8; cid += 1) if (isSet(cid) && !inProgram(cid)) extra.push(cid);
  if (unlisted.length === 0 && extra.length === 0) return undefined;

  const parts: string[] = [];
  if (unlisted.length > 0) parts.push(`leaves out ${listed('CID', unlisted)} that the font program has`);
  if (extra.length > 0) parts.push(`lists ${listed('CID', extra)} that the font program does not have`);
  return { rule: '7.21.4.2-2', message: `its CIDSet ${parts.join(' and ')}` };
}

/** 7.21.4.2-1 for a simple Type 1 font with a FontFile program; undefined when right or not judged. */
export function checkCharSet(font: PDFDict, descriptor: PDFDict | undefined): SubsetProblem | undefined {
  const charSet = getText(descriptor, 'CharSet');
  const fontFile = getStream(descriptor, 'FontFile');
  if (charSet === undefined || !fontFile) return undefined;
  if (!SUBSET_PREFIX.test(getName(font, 'BaseFont') ?? '')) return undefined;
  // Errors reading the program propagate: the caller reports them as font damage.
  const inProgram = new Set(readType1GlyphNames(streamBytes(fontFile), getNumber(fontFile.dict, 'Length1')));
  const declared = new Set(charSet.split('/').map((n) => n.trim()).filter((n) => n !== ''));
  inProgram.delete('.notdef');
  declared.delete('.notdef');
  const unlisted = [...inProgram].filter((n) => !declared.has(n));
  const extra = [...declared].filter((n) => !inProgram.has(n));
  if (unlisted.length === 0 && extra.length === 0) return undefined;
  const parts: string[] = [];
  if (unlisted.length > 0) parts.push(`leaves out ${listed('glyph', unlisted.map((n) => `/${n}`))} that the font program has`);
  if (extra.length > 0) parts.push(`lists ${listed('glyph', extra.map((n) => `/${n}`))} that the font program does not have`);
  return { rule: '7.21.4.2-1', message: `its CharSet ${parts.join(' and ')}` };
}
