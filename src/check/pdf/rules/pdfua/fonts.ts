/**
 * Fonts: 7.21.3.2-1 (CIDToGIDMap), 7.21.4.1-1 (embedded), 7.21.4.1-2 (glyph present),
 * 7.21.4.2-1 / 7.21.4.2-2 (a subset's CharSet / CIDSet lists its glyphs), 7.21.5-1 (widths agree
 * with the program), 7.21.7-1 (Unicode mapping), 7.21.7-2 (no U+0000/FEFF/FFFE), 7.21.8-1 (no
 * .notdef), and font damage. The conditions are shared with PDF/A-2 (rules/shared/fonts.ts).
 */
import {
  damagedFonts,
  inconsistentWidths,
  invalidUnicode,
  missingCidToGidMap,
  missingGlyphs,
  notEmbedded,
  notdefGlyphs,
  subsetProblems,
  unmappedCodes,
} from '../shared/fonts.js';
import { uaRule } from './ua.js';

export const cidToGidMap = uaRule({
  id: '7.21.3.2-1',
  summary: 'Embedded Type 2 CIDFonts have a /CIDToGIDMap.',
  help: 'Write /CIDToGIDMap /Identity (or a map stream) in the CIDFont.',
  check: missingCidToGidMap,
});

export const embedded = uaRule({
  id: '7.21.4.1-1',
  summary: 'Fonts used for rendering are embedded.',
  help: 'Embed the font (never use the 14 standard fonts; pdfkit: register a TTF).',
  check: notEmbedded,
});

export const glyphsPresent = uaRule({
  id: '7.21.4.1-2',
  summary: 'Every glyph shown exists in the embedded font program.',
  help: 'Re-embed the font with all glyphs used.',
  check: missingGlyphs,
});

export const charSet = uaRule({
  id: '7.21.4.2-1',
  summary: 'The CharSet of an embedded Type 1 subset lists exactly the glyph names of its font program (.notdef aside).',
  help: 'Write the CharSet from the glyphs actually in the subset, or leave CharSet out (it is optional).',
  check: subsetProblems('CharSet'),
});

export const cidSet = uaRule({
  id: '7.21.4.2-2',
  summary:
    'The CIDSet of an embedded CIDFont subset identifies exactly the CIDs present in its font program, used or not (for CIDFontType2: every glyph id below maxp.numGlyphs, through the CIDToGIDMap).',
  help: 'Write the CIDSet from the subset program, including glyphs pulled in as components of composite glyphs (ë = e + ¨), or leave CIDSet out (it is optional; rijkspers leaves it out, see src/render/pdf/cidset.ts).',
  check: subsetProblems('CIDSet'),
});

export const widths = uaRule({
  id: '7.21.5-1',
  summary:
    'For every glyph shown (text rendering mode other than 3), the width in the font dictionary (/W and /DW, or /Widths, FirstChar and MissingWidth) agrees with the embedded font program within 1/1000 em. Checked for TrueType programs.',
  help: 'Write /W or /Widths from the embedded program: advance width × 1000 / unitsPerEm of the glyph each code selects.',
  check: inconsistentWidths,
});

export const unicodeMapping = uaRule({
  id: '7.21.7-1',
  summary: 'Every character code shown maps to Unicode (ToUnicode or a standard encoding).',
  help: 'Write a complete /ToUnicode CMap.',
  wcag: ['1.3.1'],
  check: unmappedCodes,
});

export const validUnicode = uaRule({
  id: '7.21.7-2',
  summary: 'ToUnicode never maps to U+0000, U+FEFF or U+FFFE.',
  help: 'Fix the ToUnicode CMap.',
  check: invalidUnicode,
});

export const noNotdef = uaRule({
  id: '7.21.8-1',
  summary: 'No text shows the .notdef glyph.',
  help: 'Use a font that has the characters; never show glyph 0.',
  check: notdefGlyphs,
});

export const fontDamage = uaRule({
  id: 'RP-font-damage',
  summary: 'Font resources (ToUnicode, encoding CMap, embedded program) can be read.',
  help: 'Regenerate the font resources.',
  check: damagedFonts,
});

export const FONT_RULES = [cidToGidMap, embedded, glyphsPresent, charSet, cidSet, widths, unicodeMapping, validUnicode, noNotdef, fontDamage];
