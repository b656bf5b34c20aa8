/**
 * Font facts that PDF/UA-1 (7.21.x) and PDF/A-2 (6.2.11.x) judge alike: computed once per
 * document from the content walk, per font and page, so each rule only picks its part. Only fonts
 * and codes that the content actually shows are judged, as veraPDF judges glyphs; widths only for
 * glyphs shown with a rendering mode other than 3.
 */
import { widthsAgree } from '../../font-widths.js';
import type { CharCode, FontModel } from '../../fonts.js';
import { onPage, shared, type DocContext, type RuleHit } from '../../pdf-rule.js';

export interface FontPage {
  font: FontModel;
  /** 0-based page index. */
  page: number;
  unmapped: CharCode[];
  /** ToUnicode values containing U+0000, U+FEFF or U+FFFE. */
  invalid: CharCode[];
  /** ToUnicode values in a Private Use Area (PDF/A level A needs ActualText for them). */
  privateUse: CharCode[];
  notdef: CharCode[];
  missing: CharCode[];
  /** `<0041> 600 vs 556` for each rendered code whose declared and program widths disagree. */
  inconsistentWidths: string[];
}

export interface FontFacts {
  font: FontModel;
  rendered: boolean;
  firstPage: number;
}

const INVALID_UNICODE = /[\u0000\ufeff\ufffe]/;
const PRIVATE_USE = /[\ue000-\uf8ff\u{f0000}-\u{ffffd}\u{100000}-\u{10fffd}]/u;

export function hex(code: CharCode): string {
  return `<${code.code.toString(16).toUpperCase().padStart(code.bytes * 2, '0')}>`;
}

export function examples(codes: CharCode[]): string {
  const shown = codes.slice(0, 5).map(hex).join(' ');
  return codes.length > 5 ? `${shown} …` : shown;
}

/** A width for a message: whole numbers as they are, others to two decimals. */
function width(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function computeFonts(ctx: DocContext): FontFacts[] {
  return [...ctx.content.fonts].map(([font, use]) => ({ font, rendered: use.rendered, firstPage: use.firstPage }));
}

function computeFontPages(ctx: DocContext): FontPage[] {
  const out: FontPage[] = [];
  for (const [font, use] of ctx.content.fonts) {
    for (const [page, codes] of use.codesByPage) {
      const facts: FontPage = { font, page, unmapped: [], invalid: [], privateUse: [], notdef: [], missing: [], inconsistentWidths: [] };
      for (const code of codes.values()) {
        if (font.unicode(code) === undefined) facts.unmapped.push(code);
        const value = font.toUnicodeValue(code);
        if (value !== undefined && INVALID_UNICODE.test(value)) facts.invalid.push(code);
        if (value !== undefined && PRIVATE_USE.test(value)) facts.privateUse.push(code);
        const glyph = font.glyph(code);
        if (glyph === 'notdef') facts.notdef.push(code);
        if (glyph === 'missing') facts.missing.push(code);
      }
      for (const code of use.renderedCodesByPage.get(page)?.values() ?? []) {
        const pair = font.widths(code);
        if (pair && !widthsAgree(pair)) facts.inconsistentWidths.push(`${hex(code)} ${width(pair.declared)} vs ${width(pair.program)}`);
      }
      out.push(facts);
    }
  }
  return out;
}

export const usedFonts = (ctx: DocContext): FontFacts[] => shared(ctx, computeFonts);
export const fontPages = (ctx: DocContext): FontPage[] => shared(ctx, computeFontPages);

// ------------------------------------------------------------------ conditions both profiles check

export function damagedFonts(ctx: DocContext): RuleHit[] {
  return usedFonts(ctx).flatMap(({ font, firstPage }) => font.problems.map((p) => onPage(firstPage, `${font.label}: ${p}`)));
}

export function missingCidToGidMap(ctx: DocContext): RuleHit[] {
  return usedFonts(ctx)
    .filter(({ font }) => font.lacksCidToGidMap)
    .map(({ font, firstPage }) => onPage(firstPage, `font ${font.label}: its embedded CIDFontType2 has no /CIDToGIDMap`));
}

export function notEmbedded(ctx: DocContext): RuleHit[] {
  return usedFonts(ctx)
    .filter(({ font, rendered }) => rendered && !font.embedded)
    .map(({ font, firstPage }) => onPage(firstPage, `font ${font.label} is not embedded`));
}

export function subsetProblems(rule: 'CharSet' | 'CIDSet'): (ctx: DocContext) => RuleHit[] {
  const veraId = rule === 'CharSet' ? '7.21.4.2-1' : '7.21.4.2-2';
  return (ctx) =>
    usedFonts(ctx)
      .filter(({ font }) => font.subsetProblem?.rule === veraId)
      .map(({ font, firstPage }) => onPage(firstPage, `font ${font.label}: ${font.subsetProblem!.message}`));
}

export function missingGlyphs(ctx: DocContext): RuleHit[] {
  return fontPages(ctx)
    .filter((f) => f.missing.length > 0)
    .map((f) => onPage(f.page, `font ${f.font.label}: codes ${examples(f.missing)} select glyphs the embedded program does not have`, f.missing.length));
}

export function inconsistentWidths(ctx: DocContext): RuleHit[] {
  return fontPages(ctx)
    .filter((f) => f.inconsistentWidths.length > 0)
    .map((f) => {
      const shown = f.inconsistentWidths.slice(0, 5).join(', ');
      const more = f.inconsistentWidths.length > 5 ? ' …' : '';
      return onPage(f.page, `font ${f.font.label}: widths in the font dictionary differ from the embedded program (code declared vs program): ${shown}${more}`, f.inconsistentWidths.length);
    });
}

export function unmappedCodes(ctx: DocContext): RuleHit[] {
  return fontPages(ctx)
    .filter((f) => f.unmapped.length > 0)
    .map((f) => {
      const why = f.font.hasToUnicode ? 'not in its ToUnicode CMap' : 'no ToUnicode CMap and no standard encoding';
      return onPage(f.page, `font ${f.font.label}: codes ${examples(f.unmapped)} have no Unicode mapping (${why})`, f.unmapped.length);
    });
}

export function invalidUnicode(ctx: DocContext): RuleHit[] {
  return fontPages(ctx)
    .filter((f) => f.invalid.length > 0)
    .map((f) => onPage(f.page, `font ${f.font.label}: ToUnicode maps ${examples(f.invalid)} to U+0000, U+FEFF or U+FFFE`, f.invalid.length));
}

export function notdefGlyphs(ctx: DocContext): RuleHit[] {
  return fontPages(ctx)
    .filter((f) => f.notdef.length > 0)
    .map((f) => onPage(f.page, `font ${f.font.label}: codes ${examples(f.notdef)} show the .notdef glyph`, f.notdef.length));
}
