/** Crafted letters for tests: a standard letterhead around the parts a test cares about. */
import { parseLetterText, type ParseResult } from '../../src/readers/word-text/parse-letter.js';

export interface LetterParts {
  /** Lines between the salutation and the closing. */
  body?: string[];
  /** Lines after the signature (Q&A annex, source definitions). */
  annex?: string[];
  subject?: string;
  date?: string;
  fields?: string[];
  closing?: string | null;
  salutation?: string | null;
  eol?: '\n' | '\r\n';
  bom?: boolean;
}

export function letterText(parts: LetterParts = {}): string {
  const lines = [
    '',
    'Aan de Voorzitter van de ',
    'Tweede Kamer der Staten-Generaal',
    'Postbus 20018',
    '2500 EA  DEN HAAG',
    'Datum',
    parts.date ?? '3 maart 2026',
    'Betreft',
    parts.subject ?? 'Voortgang van de proef',
    '',
    '',
    'Ministerie van Infrastructuur en Waterstaat',
    '',
    'Rijnstraat 8',
    '2515 XP Den Haag',
    'Postbus 20901',
    '2500 EX Den Haag',
    'www.rijksoverheid.nl/ienw',
    '',
    ...(parts.fields ?? ['Onze referentie', 'IENW/BSK-2026/123', '', 'Bijlage(n)', '-']),
    '',
    '',
    '[image: Logo Rijksoverheid]',
    '',
    '',
    'Ministerie van Infrastructuur en Waterstaat',
    'Pagina 1 van 2',
    '',
  ];
  if (parts.salutation !== null) lines.push(parts.salutation ?? 'Geachte voorzitter,', '');
  lines.push(...(parts.body ?? ['Hierbij informeer ik u over de voortgang.']), '');
  if (parts.closing !== null) lines.push(parts.closing ?? 'Hoogachtend,', '');
  lines.push('de minister van Infrastructuur en Waterstaat,', '', '', '', '', '', 'A.B. de Vries', '');
  if (parts.annex) lines.push('', ...parts.annex);
  const text = lines.join(parts.eol ?? '\n');
  return parts.bom ? `\ufeff${text}` : text;
}

export function parseCrafted(parts: LetterParts = {}, file = 'crafted.txt'): ParseResult {
  return parseLetterText(file, Buffer.from(letterText(parts), 'utf8'));
}

export function parseString(text: string, file = 'crafted.txt'): ParseResult {
  return parseLetterText(file, Buffer.from(text, 'utf8'));
}
