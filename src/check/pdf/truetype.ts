/**
 * Just enough of a TrueType/OpenType reader: the glyph count (`maxp`), code → glyph lookups
 * (`cmap` formats 0, 4, 6, 12) and advance widths (`head`, `hhea`, `hmtx`). The checker uses the
 * glyph count and the cmaps to find codes that select .notdef or a glyph the embedded program
 * does not have, and the widths to compare with the font dictionary's (7.21.5-1).
 */

export interface TrueTypeInfo {
  numGlyphs: number;
  unitsPerEm: number;
  /** Long metrics in `hmtx` (hhea.numberOfHMetrics); 0 when the font has no usable widths. */
  numberOfHMetrics: number;
  /** The font has a Unicode cmap subtable ((3,1), (3,10) or (0,x)). */
  hasUnicodeCmap: boolean;
  /** Unicode code point → glyph id through the Unicode cmap; 0 when absent. */
  glyphForCodePoint(cp: number): number;
  /**
   * A simple font's character code → glyph id the way ISO 32000-1, 9.6.6.4 reads symbolic
   * TrueType fonts: (3,0) with the code or 0xF000/0xF100/0xF200 + code, else (1,0) with the code.
   * Undefined when the font has neither subtable.
   */
  glyphForSymbolCode(code: number): number | undefined;
  /** Advance width in font units. */
  advanceWidth(gid: number): number;
}

export class TrueTypeError extends Error {}

export function readTrueType(bytes: Uint8Array): TrueTypeInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) throw new TrueTypeError('font program too short');
  const numTables = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i += 1) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.length) throw new TrueTypeError('table directory truncated');
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) throw new TrueTypeError(`table ${tag} out of bounds`);
    tables.set(tag, { offset, length });
  }
  const maxp = tables.get('maxp');
  if (!maxp || maxp.length < 6) throw new TrueTypeError('no maxp table');
  const numGlyphs = view.getUint16(maxp.offset + 4);

  const head = tables.get('head');
  const unitsPerEm = head && head.length >= 20 ? view.getUint16(head.offset + 18) : 1000;

  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const numberOfHMetrics = hhea && hhea.length >= 36 ? view.getUint16(hhea.offset + 34) : 0;

  const subtables = readCmapDirectory(view, tables.get('cmap'));
  const find = (test: (t: CmapSubtable) => boolean): CmapSubtable | undefined => subtables.find(test);
  const unicode = find((t) => t.platform === 3 && t.encoding === 10) ?? find((t) => t.platform === 3 && t.encoding === 1) ?? find((t) => t.platform === 0);
  const symbol = find((t) => t.platform === 3 && t.encoding === 0);
  const mac = find((t) => t.platform === 1 && t.encoding === 0);

  return {
    numGlyphs,
    unitsPerEm,
    numberOfHMetrics: hmtx ? numberOfHMetrics : 0,
    hasUnicodeCmap: unicode !== undefined,
    glyphForCodePoint: (cp) => (unicode ? unicode.lookup(cp) : 0),
    glyphForSymbolCode(code) {
      if (symbol) {
        for (const base of [0, 0xf000, 0xf100, 0xf200]) {
          const gid = symbol.lookup(base + code);
          if (gid !== 0) return gid;
        }
        return 0;
      }
      return mac ? mac.lookup(code) : undefined;
    },
    advanceWidth(gid) {
      if (!hmtx || numberOfHMetrics === 0) return 0;
      const index = Math.min(gid, numberOfHMetrics - 1);
      const at = hmtx.offset + index * 4;
      return at + 2 <= hmtx.offset + hmtx.length ? view.getUint16(at) : 0;
    },
  };
}

interface CmapSubtable {
  platform: number;
  encoding: number;
  lookup(code: number): number;
}

function readCmapDirectory(view: DataView, cmap: { offset: number; length: number } | undefined): CmapSubtable[] {
  if (!cmap) return [];
  const base = cmap.offset;
  const count = view.getUint16(base + 2);
  const out: CmapSubtable[] = [];
  for (let i = 0; i < count; i += 1) {
    const platform = view.getUint16(base + 4 + i * 8);
    const encoding = view.getUint16(base + 6 + i * 8);
    const offset = base + view.getUint32(base + 8 + i * 8);
    const lookup = subtableLookup(view, offset);
    if (lookup) out.push({ platform, encoding, lookup });
  }
  return out;
}

/** A lookup for cmap formats 0, 4, 6 and 12; undefined for formats the checker does not read. */
function subtableLookup(view: DataView, at: number): ((code: number) => number) | undefined {
  const format = view.getUint16(at);
  switch (format) {
    case 0:
      return (code) => (code >= 0 && code < 256 ? view.getUint8(at + 6 + code) : 0);
    case 6: {
      const first = view.getUint16(at + 6);
      const count = view.getUint16(at + 8);
      return (code) => (code >= first && code < first + count ? view.getUint16(at + 10 + (code - first) * 2) : 0);
    }
    case 12: {
      const groups = view.getUint32(at + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = at + 16 + mid * 12;
          const start = view.getUint32(g);
          const end = view.getUint32(g + 4);
          if (cp < start) hi = mid - 1;
          else if (cp > end) lo = mid + 1;
          else return view.getUint32(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    case 4: {
      const segCount = view.getUint16(at + 6) / 2;
      const endCodes = at + 14;
      const startCodes = endCodes + segCount * 2 + 2;
      const idDeltas = startCodes + segCount * 2;
      const idRangeOffsets = idDeltas + segCount * 2;
      return (cp) => {
        if (cp > 0xffff) return 0;
        for (let s = 0; s < segCount; s += 1) {
          if (cp > view.getUint16(endCodes + s * 2)) continue;
          const start = view.getUint16(startCodes + s * 2);
          if (cp < start) return 0;
          const delta = view.getInt16(idDeltas + s * 2);
          const rangeOffset = view.getUint16(idRangeOffsets + s * 2);
          if (rangeOffset === 0) return (cp + delta) & 0xffff;
          const glyphAt = idRangeOffsets + s * 2 + rangeOffset + (cp - start) * 2;
          const glyph = view.getUint16(glyphAt);
          return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
        }
        return 0;
      };
    }
    default:
      return undefined;
  }
}
