/**
 * Fonts (ISO 19005-2, 6.2.11): the conditions PDF/UA-1 states in 7.21 (rules/shared/fonts.ts),
 * under PDF/A-2's ids. The Unicode rules (6.2.11.7-x) belong to levels U and A; the rest to B.
 */
import {
  inconsistentWidths,
  invalidUnicode,
  missingCidToGidMap,
  missingGlyphs,
  notEmbedded,
  notdefGlyphs,
  subsetProblems,
  unmappedCodes,
} from '../shared/fonts.js';
import { pdfaRule } from './pdfa.js';

export const cidToGidMap = pdfaRule('b', {
  id: '6.2.11.3.2-1',
  summary: 'Embedded Type 2 CIDFonts have a /CIDToGIDMap (a stream or /Identity).',
  help: 'Write /CIDToGIDMap /Identity (or a map stream) in the CIDFont.',
  check: missingCidToGidMap,
});

export const embedded = pdfaRule('b', {
  id: '6.2.11.4.1-1',
  summary: 'The font programs of all fonts used for rendering are embedded.',
  help: 'Embed every font (never rely on the 14 standard fonts).',
  references: ['ISO 32000-1:2008, 9.9'],
  check: notEmbedded,
});

export const glyphsPresent = pdfaRule('b', {
  id: '6.2.11.4.1-2',
  summary: 'Embedded fonts define every glyph referenced for rendering.',
  help: 'Re-embed the font with all glyphs used.',
  check: missingGlyphs,
});

export const charSet = pdfaRule('b', {
  id: '6.2.11.4.2-1',
  summary: 'A CharSet in the descriptor of an embedded Type 1 font lists the names of all glyphs in the program.',
  help: 'Write the CharSet from the glyphs in the program, or leave it out.',
  check: subsetProblems('CharSet'),
});

export const cidSet = pdfaRule('b', {
  id: '6.2.11.4.2-2',
  summary: 'A CIDSet in the descriptor of an embedded CIDFont identifies all CIDs present in the program.',
  help: 'Write the CIDSet from the subset program, or leave it out (PDF/A-2 does not require it).',
  check: subsetProblems('CIDSet'),
});

export const widths = pdfaRule('b', {
  id: '6.2.11.5-1',
  summary: 'For every glyph rendered, the width in the font dictionary agrees with the embedded program (checked for TrueType programs).',
  help: 'Write /W or /Widths from the embedded program.',
  check: inconsistentWidths,
});

export const unicodeMapping = pdfaRule('u', {
  id: '6.2.11.7-1',
  summary: 'Every character code shown maps to Unicode (a ToUnicode CMap or a standard encoding).',
  help: 'Write a complete /ToUnicode CMap.',
  check: unmappedCodes,
});

export const validUnicode = pdfaRule('u', {
  id: '6.2.11.7-2',
  summary: 'The Unicode values of the ToUnicode CMap are above zero and neither U+FEFF nor U+FFFE.',
  help: 'Fix the ToUnicode CMap.',
  check: invalidUnicode,
});

export const noNotdef = pdfaRule('b', {
  id: '6.2.11.8-1',
  summary: 'No text-showing operator references the .notdef glyph, whatever the rendering mode.',
  help: 'Use a font that has the characters; never show glyph 0.',
  check: notdefGlyphs,
});

export const FONT_RULES = [cidToGidMap, embedded, glyphsPresent, charSet, cidSet, widths, unicodeMapping, validUnicode, noNotdef];
