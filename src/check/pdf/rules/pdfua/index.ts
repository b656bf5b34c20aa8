/** PDF/UA-1 (ISO 14289-1): every rule our checker evaluates for it, in report order. */
import type { PdfRule } from '../../pdf-rule.js';
import { ANNOTATION_RULES } from './annotations.js';
import { DOCUMENT_RULES } from './document.js';
import { EMBEDDED_FILE_RULES } from './embedded-files.js';
import { FONT_RULES } from './fonts.js';
import { LANGUAGE_RULES } from './language.js';
import { LIST_TABLE_RULES } from './lists-tables.js';
import { MARKED_CONTENT_RULES } from './marked-content.js';
import { NOTE_RULES } from './notes.js';
import { emptyText } from './rijkspers.js';
import { STRUCTURE_RULES } from './structure.js';

export const PDFUA1_RULES: readonly PdfRule[] = [
  ...DOCUMENT_RULES,
  ...MARKED_CONTENT_RULES,
  ...STRUCTURE_RULES,
  ...LIST_TABLE_RULES,
  ...LANGUAGE_RULES,
  ...NOTE_RULES,
  ...ANNOTATION_RULES,
  ...FONT_RULES,
  ...EMBEDDED_FILE_RULES,
  emptyText,
];
