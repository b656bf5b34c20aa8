/**
 * Every letter the tests use: the samples and fixture letters on disk, and crafted letters written
 * in the input format (a standard letterhead around the parts a test cares about), parsed with the
 * real reader.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Letter } from '../../src/model/ast.js';
import type { PageStart } from '../../src/model/page-starts.js';
import { parseLetterText, type ParseResult } from '../../src/readers/word-text/parse-letter.js';

// ---------------------------------------------------------------- letters on disk

export const REPO = join(import.meta.dirname, '..', '..');

const txtIn = (dir: string): string[] => readdirSync(join(REPO, dir)).filter((f) => f.endsWith('.txt')).sort().map((f) => `${dir}/${f}`);

/** The three samples of `input/`, as repository-relative paths. */
export const SAMPLES: readonly string[] = txtIn('input');
export const REFERENCE = 'input/000_4c8a1616a76a7555.txt';
export const OCW = 'input/ocw-kamerbrief-leesvaardigheid.txt';
export const VWS = 'input/vws-antwoorden-wachttijden.txt';

/** Eight letters the project had never seen when they were added (test/fixtures/letters/unseen/). */
export const UNSEEN: readonly string[] = txtIn('test/fixtures/letters/unseen');
/** Another ministry's letterhead: return address, inline labels, a subject over two lines. */
export const FIN_KABINETSREACTIE = 'test/fixtures/letters/fin-kabinetsreactie.txt';
/** A crafted letter with markup-like text, no-break spaces, a `3)` list and a source called twice. */
export const HTML_CRAFTED = 'test/fixtures/html/crafted-letter.txt';
/** A letter with emoji and symbols no text face has: 🙂 ✓ → ≥ and a combining enclosing circle (1⃝). */
export const SYMBOLS = 'test/fixtures/letters/symbolen-en-emoji.txt';
/** The characters of SYMBOLS that the house style's text faces lack or that come from a fallback face. */
export const SYMBOL_CHARACTERS = ['🙂', '✓', '→', '≥', '\u20dd'] as const;
/** A plain-text letter with a TAB-separated table (a header row and three rows of three cells). */
export const TAB_TABLE = 'test/fixtures/letters/tab-tabel.txt';

/** The Word documents of test/fixtures/docx/ that publish (the bad ones are under bad/). */
export const DOCX_FEATURES = 'test/fixtures/docx/features.docx';
export const DOCX_REFERENCE_PANDOC = 'test/fixtures/docx/reference-pandoc.docx';
export const DOCX_REFERENCE_TEMPLATE = 'test/fixtures/docx/reference-template.docx';

// ---------------------------------------------------------------- crafted letters

export interface LetterParts {
  /** Lines between the salutation and the closing. */
  body?: readonly string[];
  /** Lines after the signature (Q&A annex, source definitions). */
  annex?: readonly string[];
  subject?: string;
  date?: string;
  fields?: readonly string[];
  closing?: string | null;
  salutation?: string | null;
  /** A `Retouradres …` line above the addressee. */
  returnAddress?: string;
  organisation?: string;
  /** Lines under the organisation in the sender block (directorate, department). */
  units?: readonly string[];
  address?: readonly string[];
  /** The text of the logo placeholder `[image: …]`. */
  logoAlt?: string;
  /** The running header's `Pagina 1 van N`. */
  pages?: number;
  functionLine?: string;
  name?: string;
  eol?: '\n' | '\r\n';
  bom?: boolean;
}

/**
 * A letter in the input format. With no parts it is a short IenW letter whose first body line is
 * line 35 (diagnostic tests rely on that).
 */
export function letterText(parts: LetterParts = {}): string {
  const organisation = parts.organisation ?? 'Ministerie van Infrastructuur en Waterstaat';
  const lines = [
    '',
    ...(parts.returnAddress ? [parts.returnAddress] : []),
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
    organisation,
    ...(parts.units ?? []),
    '',
    ...(parts.address ?? ['Rijnstraat 8', '2515 XP Den Haag', 'Postbus 20901', '2500 EX Den Haag', 'www.rijksoverheid.nl/ienw']),
    '',
    ...(parts.fields ?? ['Onze referentie', 'IENW/BSK-2026/123', '', 'Bijlage(n)', '-']),
    '',
    '',
    `[image: ${parts.logoAlt ?? 'Logo Rijksoverheid'}]`,
    '',
    '',
    organisation,
    `Pagina 1 van ${parts.pages ?? 2}`,
    '',
  ];
  if (parts.salutation !== null) lines.push(parts.salutation ?? 'Geachte voorzitter,', '');
  lines.push(...(parts.body ?? ['Hierbij informeer ik u over de voortgang.']), '');
  if (parts.closing !== null) lines.push(parts.closing ?? 'Hoogachtend,', '');
  lines.push(parts.functionLine ?? 'de minister van Infrastructuur en Waterstaat,', '', '', '', '', '', parts.name ?? 'A.B. de Vries', '');
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

/** Paragraphs (an entry may hold several lines, e.g. a list) separated by blank lines, as body lines. */
export function paragraphs(...entries: readonly string[]): string[] {
  return entries.flatMap((p, i) => (i === 0 ? [p] : ['', p]));
}

// ---------------------------------------------------------------- the PDF layout letters

/**
 * The letterhead of the PDF layout letters: a fictional ministry, every field the reference
 * column shows. `logoAlt` is empty unless a test describes the logo.
 */
export function testzakenParts(parts: LetterParts & { body: readonly string[] }): LetterParts {
  return {
    subject: 'Testbrief voor de PDF-opmaak',
    date: '17 maart 2026',
    organisation: 'Ministerie van Testzaken',
    address: ['Rijnstraat 50', 'Den Haag', 'www.rijksoverheid.nl'],
    fields: ['Onze referentie', 'TZ-2026-0042', '', 'Bijlage(n)', '-'],
    logoAlt: '',
    pages: 3,
    functionLine: 'de minister van Testzaken,',
    name: 'A.B. Tester',
    ...parts,
  };
}

/** Deterministic filler text: Dutch-looking words, no randomness. */
export function filler(words: number, seed = 0): string {
  const vocabulary = [
    'het', 'kabinet', 'zet', 'in', 'op', 'een', 'zorgvuldige', 'uitvoering', 'van', 'de', 'afspraken',
    'met', 'gemeenten', 'provincies', 'en', 'uitvoeringsorganisaties', 'over', 'toezicht', 'monitoring',
    'evaluatie', 'waarbij', 'aandacht', 'blijft', 'voor', 'kwetsbare', 'groepen', 'Kamer', 'informeren',
  ];
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[(i * 7 + seed * 3 + Math.floor(i / 5)) % vocabulary.length]!);
  return `${out.join(' ')}.`;
}

export const LONG_URL =
  'https://www.rijksoverheid.nl/documenten/kamerstukken/2026/03/17/een-zeer-lange-padnaam-die-niet-op-een-regel-past/bijlage-bij-de-brief-over-de-opmaak?formaat=pdf&taal=nl&versie=2026-03-17T12:00:00';

/**
 * Bodies (paragraphs) for the layout's edge cases: a paragraph crossing pages, a long footnote, a
 * long URL, NBSP groups, a 15-item list with a nested list, characters outside Fira Sans, numbered
 * sections with an image description.
 */
export const CRAFTED_BODIES = {
  longParagraph: [filler(40, 1), `${filler(900, 2)}`, filler(30, 3)],
  longFootnote: [
    filler(380, 4),
    `Dit is de zin met de lange voetnoot.[footnoteRef:1] Daarna volgt nog wat tekst. [1:  ${filler(700, 5)}]`,
    filler(60, 6),
  ],
  url: [`Zie voor de volledige tekst ${LONG_URL} en verder de toelichting.`, `Nog een adres aan het eind van een regel: https://www.example.org/${'abcdefghij'.repeat(14)}`],
  nbsp: [
    Array.from({ length: 40 }, (_, i) => `in ${2020 + (i % 7)} ging €\u00a0${i + 10}\u00a0miljoen naar artikel\u00a0${i + 1}`).join(', ') + '.',
  ],
  list: [
    'De maatregelen zijn:',
    Array.from({ length: 15 }, (_, i) => `- maatregel ${i + 1} met een korte toelichting over de uitvoering${i === 14 ? '.' : ';'}`).join('\n'),
    'Een geneste lijst:',
    ['1. eerste hoofdpunt;', '   a. eerste subpunt;', '   b. tweede subpunt;', '2. tweede hoofdpunt.'].join('\n'),
  ],
  glyphs: ['Tekens buiten Fira Sans: ≥ 5 → 6, α β γ, Erdoğan, Łódź, ⇒ ∀x ★ en een smalle\u202fspatie.', 'Ontleed geschreven: bee\u0308indigen en financie\u0308le officie\u0308le fiets.'],
  sections: [
    '1.1 Eerst een subkop',
    filler(30, 7),
    '1. Aanleiding',
    filler(50, 8),
    '[image: Grafiek van de uitgaven per jaar, 2020 tot en met 2026]',
    '2. Aanpak',
    filler(40, 9),
    '2.1 Uitwerking',
    filler(20, 10),
  ],
} as const satisfies Record<string, readonly string[]>;

/** Every piece of letterhead furniture: return address, units, a described logo. */
export const FURNITURE = {
  returnAddress: 'Retouradres Postbus 20018 2500 EA Den Haag',
  units: ['Directie Opmaak en Toegankelijkheid'],
  logoAlt: 'Logo Ministerie van Testzaken',
} as const satisfies LetterParts;

/** A PDF layout letter: the Testzaken letterhead around paragraphs. */
export function layoutLetter(body: readonly string[], extra: Omit<LetterParts, 'body'> = {}): LetterParts {
  return testzakenParts({ ...extra, body: paragraphs(...body) });
}

// ---------------------------------------------------------------- letters for heading levels

/** A Q&A annex with a title; `title: false` leaves the title out (the annex starts at `Vraag 1`). */
export function qaAnnex(title: string | false = 'Antwoorden van de minister van Infrastructuur en Waterstaat op vragen van het lid Jansen.'): string[] {
  return [
    ...(title === false ? [] : [title, '']),
    'Vraag 1', 'Wanneer is de proef klaar?', '',
    'Antwoord', 'Naar verwachting in 2027.', '',
    'Vraag 2', 'Wat kost de proef?[1]', '',
    'Antwoord 2', 'Ongeveer €\u00a02\u00a0miljoen.', '',
    '[1] NOS, 5 februari 2026.',
  ];
}

/** A body with numbered sections three levels deep: `1.`, `1.1`, `1.1.1`, and back up; one heading calls a note. */
export const NUMBERED_SECTIONS: readonly string[] = [
  'Hierbij informeer ik u over de voortgang.',
  '',
  '1. Aanleiding',
  'De proef begon in 2025.',
  '',
  '1.1 Achtergrond[footnoteRef:2] [2:  Zie het verslag van de eerste fase.]',
  'Er waren drie redenen.',
  '',
  '1.1.1 Eerste reden',
  'De eerste reden was de veiligheid.[footnoteRef:1] [1:  Zie het rapport van de Onderzoeksraad.]',
  '',
  '1.2 Aanpak',
  'We werkten in fasen.',
  '',
  '2. Vervolg',
  'Ik informeer u voor de zomer opnieuw.',
];

/**
 * A letter unlike the samples, first written for the end-to-end test: another ministry, unknown
 * field labels, nested lists, notes, a URL, a Q&A annex, `&` and `<` in the subject.
 */
export const IENW_A12_UNSEEN: LetterParts = {
  subject: 'Stand van zaken A12 & verbreding <fase 2>',
  fields: ['Ons kenmerk', 'IENW/BSK-2026/4567', '', 'Uw brief van', '12 januari 2026', '', 'Contactpersoon', 'ir. M. El Amrani', 'T 070 456 78 90', '', 'Bijlage(n)', '2'],
  body: [
    'Met deze brief informeer ik uw Kamer over de voortgang van de verbreding van de A12.[footnoteRef:1] [1:  Kamerstuk 36 200 A, nr. 12; zie ook https://www.rijksoverheid.nl/documenten/kamerstukken/2026/01/12/voortgang-verbreding-a12-en-andere-projecten-met-een-heel-lange-adresregel.]',
    '',
    '1. Aanleiding',
    'De Raad van State heeft op 4 februari 2026 uitspraak gedaan. De gevolgen zijn:',
    '•\tvertraging van ten minste één jaar;',
    'o\tvoor het deel Ede–Grijsoord;',
    'o\tvoor het deel Grijsoord–Arnhem;',
    '•\thogere kosten (≥\u00a0€\u00a012\u00a0miljoen).',
    '',
    '2. Vervolg',
    'Ik zal uw Kamer voor de zomer opnieuw informeren. Vragen kunt u richten aan a12@minienw.nl.',
  ],
  annex: [
    'Antwoorden op vragen van het lid Özdemir over de A12.',
    '',
    'Vraag 1',
    'Wanneer is de weg klaar?[1]',
    '',
    'Antwoord',
    'Naar verwachting in 2029.',
    '',
    '[1] NOS, 5 februari 2026.',
  ],
};

// ---------------------------------------------------------------- EPUB page markers

/**
 * A letter whose notes end up in both EPUB documents (a footnote in the letter, a source and a
 * footnote in the annex), with a source nobody calls and a signature of two function lines.
 */
export const NOTES_IN_BOTH_DOCUMENTS = {
  file: 'ankers.txt',
  text: [
    'Aan de Voorzitter', 'Datum', '1 maart 2026', 'Betreft', 'Ankers', '', 'Ministerie van Ankers', '',
    'Onze referentie', 'AN/2026 1', '',
    'Geachte voorzitter,', '', '1. Eerste kop', 'Een alinea met een noot.[footnoteRef:1] En verder. [1:  De eerste noot.]', '',
    '- eerste punt', '- tweede punt', '',
    'Met vriendelijke groet,', '', 'De minister van Ankers,', 'namens deze,', '', '', 'A. Anker', '', '',
    'Antwoorden van de minister van Ankers op vragen van het lid Haak.', '',
    'Vraag 1', 'Is dit een vraag?[1]', '', 'Antwoord', 'Ja, dit is een antwoord.[footnoteRef:2] [2:  De tweede noot.]', '',
    '[1] Een bron.', '[2] Een bron die niemand noemt.',
  ].join('\n'),
} as const;

/** Its page starts: inside the second list item, inside the second signature line, and a page of note continuation. */
export function notesInBothDocumentsPageStarts(letter: Letter): PageStart[] {
  const list = letter.body.find((b) => b.type === 'list');
  const signatory = letter.signatories[0];
  if (!list || !signatory) throw new Error('not the notes-in-both-documents letter');
  return [
    { page: 1, at: { kind: 'letter' } },
    { page: 2, at: { kind: 'node', id: list.id, offset: 'eerste punt'.length + 1 + 'tweede '.length } },
    { page: 3, at: { kind: 'node', id: signatory.id, offset: 'De minister van Ankers,'.length + 1 + 'namens '.length } },
    { page: 4, at: { kind: 'notes' } },
  ];
}
