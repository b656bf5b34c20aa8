/**
 * PDF/A-2 (ISO 19005-2): every rule our checker evaluates, in report order, each with the level
 * it starts at. `pdfa2b` runs the B rules, `pdfa2u` adds the U rules, `pdfa2a` all of them.
 */
import type { PdfaLevel, PdfaRule } from '../../pdf-rule.js';
import { ACTION_RULES } from './actions.js';
import { ANNOTATION_RULES } from './annotations.js';
import { COLOUR_RULES } from './colour.js';
import { EMBEDDED_FILE_RULES } from './embedded-files.js';
import { FILE_STRUCTURE_RULES } from './file-structure.js';
import { FONT_RULES } from './fonts.js';
import { METADATA_RULES } from './metadata.js';
import { STRUCTURE_RULES } from './structure.js';

export const PDFA2_RULES: readonly PdfaRule[] = [
  ...FILE_STRUCTURE_RULES,
  ...COLOUR_RULES,
  ...FONT_RULES,
  ...ANNOTATION_RULES,
  ...ACTION_RULES,
  ...METADATA_RULES,
  ...EMBEDDED_FILE_RULES,
  ...STRUCTURE_RULES,
];

const INCLUDED: Record<PdfaLevel, readonly PdfaLevel[]> = { b: ['b'], u: ['b', 'u'], a: ['b', 'u', 'a'] };

export function pdfa2Rules(level: PdfaLevel): readonly PdfaRule[] {
  return PDFA2_RULES.filter((r) => INCLUDED[level].includes(r.level));
}
