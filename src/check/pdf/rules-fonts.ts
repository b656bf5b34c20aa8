/**
 * Fonts: 7.21.3.2-1 (CIDToGIDMap), 7.21.4.1-1 (embedded), 7.21.4.1-2 (glyph present),
 * 7.21.4.2-1 / 7.21.4.2-2 (a subset's CharSet / CIDSet lists its glyphs), 7.21.5-1 (widths agree
 * with the program), 7.21.7-1 (Unicode mapping), 7.21.7-2 (no U+0000/FEFF/FFFE), 7.21.8-1 (no
 * .notdef). Only fonts and codes that the content actually shows are judged, per page, as veraPDF
 * judges glyphs; widths only for glyphs shown with a rendering mode other than 3.
 */
import type { Finding } from './findings.js';
import { widthsAgree } from './font-widths.js';
import type { CharCode } from './fonts.js';
import type { RuleContext } from './rule-context.js';

const INVALID_UNICODE = /[\u0000\ufeff\ufffe]/;

function hex(code: CharCode): string {
  return `<${code.code.toString(16).toUpperCase().padStart(code.bytes * 2, '0')}>`;
}

/** A width for a message: whole numbers as they are, others to two decimals. */
function width(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function examples(codes: CharCode[]): string {
  const shown = codes.slice(0, 5).map(hex).join(' ');
  return codes.length > 5 ? `${shown} …` : shown;
}

export function checkFonts({ content }: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [font, use] of content.fonts) {
    for (const problem of font.problems) out.push({ rule: 'RP-font-damage', page: use.firstPage, message: `${font.label}: ${problem}` });
    if (font.lacksCidToGidMap) {
      out.push({ rule: '7.21.3.2-1', page: use.firstPage, message: `font ${font.label}: its embedded CIDFontType2 has no /CIDToGIDMap` });
    }
    if (use.rendered && !font.embedded) {
      out.push({ rule: '7.21.4.1-1', page: use.firstPage, message: `font ${font.label} is not embedded` });
    }
    if (font.subsetProblem) {
      out.push({ rule: font.subsetProblem.rule, page: use.firstPage, message: `font ${font.label}: ${font.subsetProblem.message}` });
    }
    for (const [page, codes] of use.renderedCodesByPage) {
      const inconsistent: string[] = [];
      for (const code of codes.values()) {
        const pair = font.widths(code);
        if (pair && !widthsAgree(pair)) inconsistent.push(`${hex(code)} ${width(pair.declared)} vs ${width(pair.program)}`);
      }
      if (inconsistent.length > 0) {
        const shown = inconsistent.slice(0, 5).join(', ');
        out.push({
          rule: '7.21.5-1',
          page,
          count: inconsistent.length,
          message: `font ${font.label}: widths in the font dictionary differ from the embedded program (code declared vs program): ${shown}${inconsistent.length > 5 ? ' …' : ''}`,
        });
      }
    }
    for (const [page, codes] of use.codesByPage) {
      const unmapped: CharCode[] = [];
      const invalid: CharCode[] = [];
      const notdef: CharCode[] = [];
      const missing: CharCode[] = [];
      for (const code of codes.values()) {
        if (font.unicode(code) === undefined) unmapped.push(code);
        const value = font.toUnicodeValue(code);
        if (value !== undefined && INVALID_UNICODE.test(value)) invalid.push(code);
        const glyph = font.glyph(code);
        if (glyph === 'notdef') notdef.push(code);
        if (glyph === 'missing') missing.push(code);
      }
      if (unmapped.length > 0) {
        const why = font.hasToUnicode ? 'not in its ToUnicode CMap' : 'no ToUnicode CMap and no standard encoding';
        out.push({ rule: '7.21.7-1', page, count: unmapped.length, message: `font ${font.label}: codes ${examples(unmapped)} have no Unicode mapping (${why})` });
      }
      if (invalid.length > 0) {
        out.push({ rule: '7.21.7-2', page, count: invalid.length, message: `font ${font.label}: ToUnicode maps ${examples(invalid)} to U+0000, U+FEFF or U+FFFE` });
      }
      if (notdef.length > 0) {
        out.push({ rule: '7.21.8-1', page, count: notdef.length, message: `font ${font.label}: codes ${examples(notdef)} show the .notdef glyph` });
      }
      if (missing.length > 0) {
        out.push({ rule: '7.21.4.1-2', page, count: missing.length, message: `font ${font.label}: codes ${examples(missing)} select glyphs the embedded program does not have` });
      }
    }
  }
  return out;
}
