/**
 * pdfkit's ToUnicode CMap maps glyph 0 (.notdef) to U+0000, which PDF/UA forbids as a Unicode
 * value (veraPDF 7.21.7-2, Matterhorn 10-001). We never draw .notdef, so the map we write simply
 * leaves it out and lists the glyphs actually used, one `bfchar` entry each.
 */
import type { PdfKitEmbeddedFont, PdfRef } from './pdfkit-doc.js';

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** UTF-16BE hex of a code point sequence, as a CMap destination string. */
function utf16Hex(codePoints: readonly number[]): string {
  let out = '';
  for (const cp of codePoints) {
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      out += hex4(0xd800 | (v >> 10)) + hex4(0xdc00 | (v & 0x3ff));
    } else {
      out += hex4(cp);
    }
  }
  return out;
}

export function toUnicodeCmapText(unicode: ReadonlyArray<readonly number[] | undefined>): string {
  const entries: string[] = [];
  unicode.forEach((cps, gid) => {
    if (gid === 0 || !cps || cps.length === 0) return;
    if (cps.some((cp) => cp === 0 || cp === 0xfeff || cp === 0xfffe)) return;
    entries.push(`<${hex4(gid)}> <${utf16Hex(cps)}>`);
  });
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** Replaces the font object's ToUnicode writer (called by pdfkit when the font is embedded). */
export function installToUnicodeWithoutNotdef(font: PdfKitEmbeddedFont): void {
  font.toUnicodeCmap = function toUnicodeCmap(this: PdfKitEmbeddedFont): PdfRef {
    const cmap = this.document.ref();
    cmap.end(toUnicodeCmapText(this.unicode));
    return cmap;
  };
}
