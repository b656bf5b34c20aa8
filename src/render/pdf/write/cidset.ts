/**
 * In PDF/UA mode pdfkit gives each embedded font a /CIDSet listing the glyphs we drew. fontkit's
 * subset also carries the components of composite glyphs (`ë` = `e` + `¨`), so that list is
 * short of the glyphs in the font program, which veraPDF's 7.21.4.2-2 rejects. A CIDSet is
 * optional in PDF/UA, so the font is embedded without one.
 */
import type { PdfKitEmbeddedFont } from './pdfkit-doc.js';

export function embedWithoutCidSet(font: PdfKitEmbeddedFont): void {
  const embed = font.embed;
  font.embed = function embedNoCidSet(this: PdfKitEmbeddedFont): void {
    // pdfkit writes the CIDSet only while `document.subset === 1`, and reads it nowhere else while embedding.
    const part = this.document.subset;
    this.document.subset = undefined;
    try {
      embed.call(this);
    } finally {
      this.document.subset = part;
    }
  };
}
