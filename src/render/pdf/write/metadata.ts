/**
 * Document information and XMP for the PDF: values from the letter's metadata, timestamps from
 * `meta.isoDate` (never the clock), so two renders give the same bytes — pdfkit derives the file
 * `/ID` from the info dictionary, CreationDate included.
 *
 * pdfkit 0.20.2 pastes Title/Author/Subject into the XMP packet without XML escaping, so a `&` or
 * `<` in the Betreft breaks the packet (and with it `dc:title`, a PDF/UA requirement). The info
 * dictionary is written before the XMP, so we escape the values only while pdfkit builds the XMP.
 */
import type { LetterMetadata } from '../../../model/ast.js';
import { escapeXml } from '../../../util/escape-xml.js';
import type { PdfKitDoc, PdfKitInfo } from './pdfkit-doc.js';

export const PRODUCER = 'rijkspers (pdfkit)';

/** Noon UTC on the letter's date: the same calendar date in every time zone. */
export function publicationTimestamp(meta: LetterMetadata): Date {
  const date = new Date(`${meta.isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`PDF: metadata date "${meta.isoDate}" is not an ISO date`);
  return date;
}

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; U+FFFE,
 * U+FFFF; lone surrogates) and the other noncharacters. They carry no text, and one of them in the
 * XMP packet makes it malformed (issue 7), so metadata values leave them out — in the info
 * dictionary too, which must say the same as the XMP.
 */
const NOT_XML_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function metadataText(value: string): string {
  return value.replace(NOT_XML_TEXT, '');
}

export function documentInfo(meta: LetterMetadata): PdfKitInfo {
  const when = publicationTimestamp(meta);
  return {
    Title: metadataText(meta.title),
    Author: metadataText(meta.author),
    Subject: metadataText(meta.description),
    Creator: 'rijkspers',
    Producer: PRODUCER,
    CreationDate: when,
    ModDate: when,
  };
}

const ESCAPED_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

/**
 * Makes pdfkit write a well-formed XMP packet: escapes the info values while it builds the packet,
 * and adds the language and modification date it leaves out.
 */
export function installXmpFixes(doc: PdfKitDoc, meta: LetterMetadata, pdfLang: string): void {
  const original = doc.endMetadata.bind(doc);
  doc.endMetadata = (): void => {
    const saved: PdfKitInfo = { ...doc.info };
    for (const key of ESCAPED_KEYS) {
      const value = doc.info[key];
      if (typeof value === 'string') doc.info[key] = escapeXml(value);
    }
    const when = `${publicationTimestamp(meta).toISOString().split('.')[0]}Z`;
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${when}</xmp:ModifyDate>
            <xmp:MetadataDate>${when}</xmp:MetadataDate>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:language><rdf:Bag><rdf:li>${escapeXml(pdfLang)}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>`);
    try {
      original();
    } finally {
      Object.assign(doc.info, saved);
    }
  };
}
