/**
 * What the checker needs to know about a font: how its strings split into character codes,
 * what Unicode each code maps to, whether a code selects the .notdef glyph or a glyph the
 * embedded program does not have, whether the program is embedded at all, how wide the font
 * dictionary and the program say each glyph is, and whether a subset's CIDSet or CharSet lists
 * the program's glyphs.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFStream } from 'pdf-lib';
import {
  IDENTITY_CODESPACE,
  SINGLE_BYTE_CODESPACE,
  parseCMap,
  splitCodes,
  type CMap,
  type CodespaceRange,
} from './cmap.js';
import { checkCharSet, checkCidSet, type SubsetProblem } from './font-subsets.js';
import { cidWidths, programWidth, simpleWidths, type WidthPair } from './font-widths.js';
import { get, getArray, getDict, getName, getNumber, getStream, getText, items, nameValue, streamBytes } from './pdf-objects.js';
import type { PdfModel } from './pdf-model.js';
import { baseEncodingUnicode, glyphNameToUnicode, isBaseEncoding, type BaseEncoding } from './simple-encodings.js';
import { readTrueType, type TrueTypeInfo } from './truetype.js';

export type GlyphState = 'ok' | 'notdef' | 'missing' | 'unknown';

export interface CharCode {
  code: number;
  bytes: number;
}

export interface FontModel {
  dict: PDFDict;
  /** `Helvetica (object 14 0 R)`, for messages. */
  label: string;
  subtype: string;
  /** False when the font program for rendering is not in the file. Type 3 fonts count as embedded. */
  embedded: boolean;
  hasToUnicode: boolean;
  /** An embedded CIDFontType2 without /CIDToGIDMap (7.21.3.2-1). */
  lacksCidToGidMap: boolean;
  split(bytes: Uint8Array): CharCode[];
  /** Unicode for a code, via ToUnicode or the encoding; undefined when it cannot be mapped. */
  unicode(code: CharCode): string | undefined;
  /** The ToUnicode value itself (for the U+0000/FEFF/FFFE test). */
  toUnicodeValue(code: CharCode): string | undefined;
  glyph(code: CharCode): GlyphState;
  /**
   * The width the font dictionary declares for a code and the width of its glyph in the embedded
   * program (7.21.5-1); undefined when the program's width is not known. Only embedded TrueType
   * programs (simple TrueType, CIDFontType2) are read: Type 1 and CFF widths sit in charstrings
   * (hsbw / the CFF width operand, reached through the program's own encoding or charset) and
   * Type 3 widths in the glyph procedures' d0/d1, which the checker does not interpret.
   */
  widths(code: CharCode): WidthPair | undefined;
  /** What a subset's CIDSet (7.21.4.2-2) or CharSet (7.21.4.2-1) gets wrong, if anything. */
  subsetProblem?: SubsetProblem;
  /** Damage found while reading the font (unparsable CMap, unreadable program). */
  problems: string[];
}

/** Character collections whose CIDs have a published Unicode mapping (ISO 14289-1, 7.21.7). */
const KNOWN_COLLECTIONS = new Set(['Adobe-GB1', 'Adobe-CNS1', 'Adobe-Japan1', 'Adobe-Korea1']);

const FONT_FLAG_SYMBOLIC = 1 << 2;
const FONT_FLAG_NONSYMBOLIC = 1 << 5;

export function fontCache(model: PdfModel): (dict: PDFDict) => FontModel {
  const cache = new Map<PDFDict, FontModel>();
  return (dict) => {
    let font = cache.get(dict);
    if (!font) {
      font = readFont(model, dict);
      cache.set(dict, font);
    }
    return font;
  };
}

function isEmbedded(descriptor: PDFDict | undefined): boolean {
  return Boolean(getStream(descriptor, 'FontFile') ?? getStream(descriptor, 'FontFile2') ?? getStream(descriptor, 'FontFile3'));
}

/** The font's embedded TrueType program (FontFile2), or undefined; a damaged one is a problem. */
function embeddedTrueType(descriptor: PDFDict | undefined, problems: string[]): TrueTypeInfo | undefined {
  const fontFile2 = getStream(descriptor, 'FontFile2');
  if (!fontFile2) return undefined;
  try {
    return readTrueType(streamBytes(fontFile2));
  } catch (e) {
    problems.push(`embedded TrueType program cannot be read (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

function readFont(model: PdfModel, dict: PDFDict): FontModel {
  const subtype = getName(dict, 'Subtype') ?? 'unknown';
  const baseFont = getName(dict, 'BaseFont') ?? (subtype === 'Type3' ? 'Type 3 font' : 'unnamed font');
  const label = `${baseFont} (${model.objectLabel(dict)})`;
  const problems: string[] = [];

  let toUnicode: CMap | undefined;
  const toUnicodeStream = getStream(dict, 'ToUnicode');
  if (toUnicodeStream) {
    try {
      const parsed = parseCMap(streamBytes(toUnicodeStream));
      if (parsed.error) problems.push(`ToUnicode CMap is damaged (${parsed.error})`);
      toUnicode = parsed;
    } catch (e) {
      problems.push(`ToUnicode CMap cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const toUnicodeValue = (c: CharCode): string | undefined => toUnicode?.unicodeOf(c.code, c.bytes);

  if (subtype === 'Type0') return readType0(model, dict, label, toUnicode, toUnicodeValue, problems);
  return readSimple(model, dict, label, subtype, baseFont, toUnicode, toUnicodeValue, problems);
}

function readType0(
  model: PdfModel,
  dict: PDFDict,
  label: string,
  toUnicode: CMap | undefined,
  toUnicodeValue: (c: CharCode) => string | undefined,
  problems: string[],
): FontModel {
  const descendant = items(model.context, getArray(dict, 'DescendantFonts'))[0];
  const cidFont = descendant instanceof PDFDict ? descendant : undefined;
  const cidSubtype = getName(cidFont, 'Subtype');
  const descriptor = getDict(cidFont, 'FontDescriptor');

  // Encoding: a predefined CMap name or an embedded CMap stream.
  const encodingObj = get(dict, 'Encoding');
  let codespace: readonly CodespaceRange[] = IDENTITY_CODESPACE;
  let cidOf: (c: CharCode) => number | undefined = (c) => (c.bytes === 2 ? c.code : undefined);
  const encodingName = nameValue(encodingObj);
  if (encodingObj instanceof PDFStream) {
    try {
      const cmap = parseCMap(streamBytes(encodingObj));
      if (cmap.codespace.length > 0) codespace = cmap.codespace;
      // A code the CMap does not map selects CID 0, the .notdef glyph (ISO 32000-1, 9.7.6.3).
      cidOf = (c) => cmap.cidOf(c.code, c.bytes) ?? 0;
    } catch (e) {
      problems.push(`encoding CMap cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  } else if (encodingName !== 'Identity-H' && encodingName !== 'Identity-V') {
    // Other predefined CMaps (CJK) are not shipped with the checker: codes split as two bytes
    // (true for the UCS2/UTF16 ones) and CIDs are unknown, so glyph checks are skipped.
    cidOf = () => undefined;
  }

  const systemInfo = getDict(cidFont, 'CIDSystemInfo');
  const collection = `${getText(systemInfo, 'Registry') ?? ''}-${getText(systemInfo, 'Ordering') ?? ''}`;
  const collectionHasUnicode = KNOWN_COLLECTIONS.has(collection);

  // CID → glyph id for TrueType-based CIDFonts.
  let gidOf: (cid: number) => number = (cid) => cid;
  let cidToGidMap: Uint8Array | undefined;
  const cidToGid = get(cidFont, 'CIDToGIDMap');
  if (cidToGid instanceof PDFStream) {
    try {
      const map = streamBytes(cidToGid);
      cidToGidMap = map;
      gidOf = (cid) => (cid * 2 + 1 < map.length ? (map[cid * 2]! << 8) | map[cid * 2 + 1]! : 0);
    } catch (e) {
      problems.push(`CIDToGIDMap cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  const program = cidSubtype === 'CIDFontType2' ? embeddedTrueType(descriptor, problems) : undefined;
  const numGlyphs = program?.numGlyphs;

  let subsetProblem: SubsetProblem | undefined;
  if (program && (cidToGid === undefined || cidToGidMap || nameValue(cidToGid) === 'Identity')) {
    try {
      subsetProblem = checkCidSet(cidFont, descriptor, program, cidToGidMap);
    } catch (e) {
      problems.push(`CIDSet cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const declaredWidth = cidWidths(cidFont);

  return {
    dict,
    label,
    subtype: 'Type0',
    embedded: isEmbedded(descriptor),
    hasToUnicode: toUnicode !== undefined,
    lacksCidToGidMap: cidSubtype === 'CIDFontType2' && isEmbedded(descriptor) && cidToGid === undefined,
    problems,
    split: (bytes) => splitCodes(bytes, codespace).map(({ code, bytes: n }) => ({ code, bytes: n })),
    toUnicodeValue,
    unicode(c) {
      const value = toUnicodeValue(c);
      if (value !== undefined) return value;
      // CIDs of the Adobe CJK collections have published Unicode tables; the text itself is
      // not needed by any rule, only that a mapping exists.
      return collectionHasUnicode ? '\ufffd' : undefined;
    },
    glyph(c) {
      const cid = cidOf(c);
      if (cid === undefined) return 'unknown';
      if (cid === 0) return 'notdef';
      if (cidSubtype !== 'CIDFontType2') return 'unknown';
      const gid = gidOf(cid);
      if (gid === 0) return 'notdef';
      if (numGlyphs !== undefined && gid >= numGlyphs) return 'missing';
      return 'ok';
    },
    widths(c) {
      const cid = cidOf(c);
      if (cid === undefined || !program) return undefined;
      const width = programWidth(program, gidOf(cid));
      return width === undefined ? undefined : { declared: declaredWidth(cid), program: width };
    },
    ...(subsetProblem ? { subsetProblem } : {}),
  };
}

function readSimple(
  model: PdfModel,
  dict: PDFDict,
  label: string,
  subtype: string,
  baseFont: string,
  toUnicode: CMap | undefined,
  toUnicodeValue: (c: CharCode) => string | undefined,
  problems: string[],
): FontModel {
  const descriptor = getDict(dict, 'FontDescriptor');
  const flags = getNumber(descriptor, 'Flags') ?? 0;
  const baseName = baseFont.replace(/^[A-Z]{6}\+/, '');

  // Encoding: base encoding plus Differences.
  const encodingObj = get(dict, 'Encoding');
  let base: BaseEncoding | undefined;
  const differences = new Map<number, string>();
  const encodingName = nameValue(encodingObj);
  if (isBaseEncoding(encodingName)) base = encodingName;
  if (encodingObj instanceof PDFDict) {
    const baseEncoding = getName(encodingObj, 'BaseEncoding');
    if (isBaseEncoding(baseEncoding)) base = baseEncoding;
    let code = 0;
    for (const item of items(model.context, getArray(encodingObj, 'Differences'))) {
      if (item instanceof PDFNumber) code = item.asNumber();
      else if (item instanceof PDFName) differences.set(code++, item.decodeText());
    }
  }
  const symbolic = (flags & FONT_FLAG_SYMBOLIC) !== 0 && (flags & FONT_FLAG_NONSYMBOLIC) === 0;
  const builtInSymbolic = baseName === 'Symbol' || baseName === 'ZapfDingbats';
  if (!base && !symbolic && !builtInSymbolic && subtype !== 'Type3') {
    // A nonsymbolic font without an encoding uses StandardEncoding (ISO 32000-1, 9.6.6.1/9.6.6.4).
    base = 'StandardEncoding';
  }

  const charProcs = getDict(dict, 'CharProcs');

  // An embedded TrueType program lets us find the glyph a code selects (ISO 32000-1, 9.6.6.4).
  const program = subtype === 'TrueType' ? embeddedTrueType(descriptor, problems) : undefined;
  let subsetProblem: SubsetProblem | undefined;
  if (subtype === 'Type1' || subtype === 'MMType1') {
    try {
      subsetProblem = checkCharSet(dict, descriptor);
    } catch (e) {
      problems.push(`embedded Type 1 program cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const declaredWidth = simpleWidths(dict, descriptor);

  /** Unicode by the encoding alone (not ToUnicode): what a viewer uses to pick the glyph. */
  const encodingUnicode = (code: number): string | undefined => {
    const name = differences.get(code);
    if (name !== undefined) return glyphNameToUnicode(name);
    return base ? baseEncodingUnicode(base, code) : undefined;
  };
  const trueTypeGlyph = (code: number): number | undefined => {
    if (!program) return undefined;
    if (symbolic || !program.hasUnicodeCmap) return program.glyphForSymbolCode(code);
    const unicode = encodingUnicode(code);
    if (unicode === undefined) return 0;
    // U+FFFD stands for "some glyph name we do not know the Unicode of": the glyph is unknown.
    return unicode === '\ufffd' ? undefined : program.glyphForCodePoint(unicode.codePointAt(0)!);
  };

  return {
    dict,
    label,
    subtype,
    embedded: subtype === 'Type3' || isEmbedded(descriptor),
    hasToUnicode: toUnicode !== undefined,
    lacksCidToGidMap: false,
    problems,
    split: (bytes) => splitCodes(bytes, SINGLE_BYTE_CODESPACE).map(({ code, bytes: n }) => ({ code, bytes: n })),
    toUnicodeValue,
    unicode(c) {
      const value = toUnicodeValue(c);
      if (value !== undefined) return value;
      // The built-in encodings of Symbol and ZapfDingbats use Adobe-registered glyph names.
      if (builtInSymbolic && !base && !differences.has(c.code)) return '\ufffd';
      return encodingUnicode(c.code);
    },
    glyph(c) {
      const name = differences.get(c.code);
      if (name === '.notdef') return 'notdef';
      if (subtype === 'Type3') {
        if (name === undefined || !charProcs?.get(PDFName.of(name))) return 'notdef';
        return 'ok';
      }
      const gid = trueTypeGlyph(c.code);
      // Type 1 and CFF programs (charset lookups) are not read.
      if (gid === undefined || !program) return 'unknown';
      if (gid === 0) return 'notdef';
      return gid >= program.numGlyphs ? 'missing' : 'ok';
    },
    widths(c) {
      const gid = trueTypeGlyph(c.code);
      if (gid === undefined || !program) return undefined;
      const width = programWidth(program, gid);
      return width === undefined ? undefined : { declared: declaredWidth(c.code), program: width };
    },
    ...(subsetProblem ? { subsetProblem } : {}),
  };
}

/** Fonts of a resource dictionary by resource name. */
export function fontResource(resources: PDFDict | undefined, name: string): PDFDict | undefined {
  return getDict(getDict(resources, 'Font'), name);
}

/** An ExtGState `/Font [font size]` entry. */
export function extGStateFont(model: PdfModel, gs: PDFDict | undefined): PDFDict | undefined {
  const entry = getArray(gs, 'Font');
  if (!(entry instanceof PDFArray)) return undefined;
  const font = items(model.context, entry)[0];
  return font instanceof PDFDict ? font : undefined;
}
