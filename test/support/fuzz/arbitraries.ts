/**
 * fast-check arbitraries for fuzz cases (see mutations.ts for what each edit does). Three
 * profiles: `parse` uses everything; the two render profiles split the edits between letter
 * structure and characters, with fewer edits, since a render is a hundred times a parse.
 */
import fc from 'fast-check';
import {
  describeCase, MARKERS,
  type ByteEdit, type Corruption, type Encoding, type FuzzCase, type LongShape, type MarkerName, type Piece, type TextEdit,
} from './mutations.js';
import { SAMPLES } from './samples.js';

const cp = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
const isNoncharacter = (c: number): boolean => (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;

// ---------------------------------------------------------------- characters

/** Marker fragments and whole marker lines of the input format, valid and broken. */
export const fragment: fc.Arbitrary<string> = fc.constantFrom(
  '[footnoteRef:', '[footnoteRef:1]', '[footnoteRef:0]', '[footnoteRef:99]', '[footnoteRef:12345678901234567890]', '[footnoteref:2]',
  '[1:  ', '[1:  Zie de brief van 3 maart.]', '[2:  ]', '[0:  nul]', '[99:  x]', '[1:', ']', '[', '[]', '[[1]]',
  '[1]', '[2]', '[999]', '[1000]', '[1] https://example.nl', '[3] ', '[image: ]', '[image: Logo', '[image: [image: x]]',
  'Vraag 1', 'Vraag 1 en 2', 'Vraag', 'Vraag 0', 'Vraag 99999999999999999999', 'Antwoord', 'Antwoord 3 en 4',
  'Antwoord op vraag 2 en 3', 'Antwoord 7 en 8', 'VRAAG 2', 'Datum', 'Betreft', 'Onze referentie', 'Bijlage(n)', '-',
  'Pagina 1 van 2', 'Pagina 2 / 9', 'Geachte voorzitter,', 'Geachte', 'Hoogachtend,', 'Met vriendelijke groet,',
  'DE MINISTER VAN BUITENLANDSE ZAKEN,', ',', '1. Aanleiding', '2.1 Inleiding', '99.99.99 Kop', '- ', '• ', '– ', '* ',
  '1) ', 'a. ', 'iv. ', 'o\t', '\t- genest', '        - diep', 'Ministerie van Financiën', '> Retouradres Postbus 1 2500 EE  Den Haag',
  'mailto:', 'https://', 'http://', 'www.', 'a@b', 'https://[::1]/', 'https://exa mple.nl', 'javascript:alert(1)',
);

/** Characters that mean something to a writer: escaping, templates, CDATA, comments. */
const markupish = fc.constantFrom(
  '<', '>', '&', '&amp;', '&nbsp;', '&#0;', '<script>alert(1)</script>', '</style>', '</title>', ']]>', '<!--', '-->', '"', "'",
  '\\', '${x}', '{{x}}', '{{{x}}}', '<%= x %>', '<%- x %>', '%PDF-1.7', '%%EOF', 'endstream', '(', ')', '\\(', '/Type /Page', '% x',
);

const controls = fc.oneof(cp(0x00, 0x08), cp(0x0b, 0x0c), cp(0x0e, 0x1f), fc.constant('\u007f'), cp(0x80, 0x9f));
const noncharacters = fc.constantFrom('\ufffe', '\uffff', '\ufdd0', '\ufdef', '\u{1fffe}', '\u{1ffff}', '\u{2fffe}', '\u{efffe}', '\u{10fffe}', '\u{10ffff}');
const astral = fc.oneof(
  cp(0x10000, 0x10fffd).filter((c) => !isNoncharacter(c.codePointAt(0)!)),
  cp(0x1d400, 0x1d7ff), // mathematical alphanumerics
  cp(0x1f300, 0x1faff), // emoji and pictographs
  cp(0x20000, 0x2a6df), // CJK extension B
  cp(0x1f000, 0x1f02b), // mahjong tiles
  cp(0xe0000, 0xe007f), // tags
  cp(0xf0000, 0xffffd), // private use
);
const emoji = fc.constantFrom('👍', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '❤️', '❤', '🇳🇱', '1️⃣', '©️', '☺', '✔', '⚠️', '🫠', '🧑🏿‍🦱');
const combining = fc.tuple(
  fc.constantFrom('', 'a', 'e', 'Z', 'ï', '1', ' ', '-', '[', '\t'),
  fc.array(fc.oneof(cp(0x0300, 0x036f), cp(0x1ab0, 0x1abe), cp(0x20d0, 0x20f0), cp(0xfe20, 0xfe2f)), { minLength: 1, maxLength: 12 }),
).map(([base, marks]) => base + marks.join(''));
const rtl = fc.constantFrom(
  'שלום', 'مرحبا بالعالم', '\u200f', '\u200e', '\u202e', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c',
  'abc\u202edef', '١٢٣', 'ﷺ', 'ﻻ', 'الحروف العربية 2026',
);
const spaces = fc.constantFrom(
  '\u00a0', '\u2007', '\u202f', '\u2002', '\u2003', '\u2009', '\u200a', '\u3000', '\u1680', '\u2028', '\u2029',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e', '\u00a0\u00a0\u00a0', ' \u00a0 ',
);
const tabs = fc.constantFrom('\t', '\t\t', 'a\tb', 'kolom 1\tkolom 2\tkolom 3', '\t'.repeat(12), 'x\t'.repeat(60), '2024\t2025\t2026\n1\t2\t3', '\t\u00a0\t');
const anyCodePoints = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const bmp = fc.string({ unit: fc.oneof(cp(0x20, 0xd7ff), cp(0xe000, 0xfffd)), minLength: 1, maxLength: 12 });

/** One Unicode class or another, a few characters of it. */
export const unicode: fc.Arbitrary<string> = fc.oneof(
  controls, noncharacters, astral, emoji, combining, rtl, spaces, tabs, anyCodePoints, bmp, markupish,
);

// ---------------------------------------------------------------- long pieces and dates

const LONG_SHAPES: LongShape[] = ['url', 'www', 'email', 'word', 'words', 'nbsp-words', 'bracketed-url', 'footnote'];

/**
 * Mostly a few KB (3 in 4 up to 4 KB), now and then up to 20 KB or `max` (128 KB): one integer
 * mapped monotonically, so fast-check shrinks a failing length to about the shortest that fails.
 */
export const longLength = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1000 }).map((x) => {
  const span = (from: number, to: number, lo: number, hi: number): number => Math.round(lo + ((x - from) / (to - from)) * (hi - lo));
  if (x <= 750) return span(0, 750, 100, Math.min(max, 4_000));
  if (x <= 950) return span(750, 950, Math.min(max, 4_000), Math.min(max, 20_000));
  return span(950, 1000, Math.min(max, 20_000), max);
});

export const longPiece = (max = 131_072): fc.Arbitrary<Piece> =>
  fc.record({ long: fc.constantFrom(...LONG_SHAPES), length: longLength(max) });

const MONTH_WORDS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'jan.', 'Feb', 'sept.', 'dec', 'JANUARI', 'juno', 'maandag', ''];

export const date: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '1 januari 0001', '31 december 9999', '12 februari 2206', '1 januari 2206', '29 februari 2100', '29 februari 2000',
    '29 februari 2026', '0 januari 2026', '32 januari 2026', '31 april 2026', '1 januari 1969', '31 december 1979',
    '1 januari 1980', '31 december 2099', '1 januari 2100', '31 december 2107', '1 januari 2108', '1 januari 0000',
    '31-12-9999', '01-01-0001', '2206-02-12', '9999-12-31', '0001-01-01', '12-13-2026', '12.02.2026', '12/02/2026',
    'maandag 12 februari 2026', '12 feb. 2026', '12 februari', 'februari 2026', '12 februari 2026 (concept)', '',
    '12\u00a0februari\u00a02026', '１２ februari ２０２６', '99999999 januari 99999', 'Datum',
  ),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(...MONTH_WORDS), fc.integer({ min: 0, max: 99_999 }))
    .map(([d, m, y]) => `${d} ${m} ${y}`),
);

// ---------------------------------------------------------------- edits

const line = fc.nat({ max: 400 });
const MARKER_NAMES = Object.keys(MARKERS) as MarkerName[];
const CORRUPTIONS: Corruption[] = ['delete', 'drop-char', 'duplicate', 'renumber', 'unclose', 'unopen', 'upper', 'lower', 'space', 'nest', 'own-line', 'move'];

const truncate = fc.record({ op: fc.constant('truncate' as const), at: fc.nat({ max: 20_000 }) });
const deleteLines = fc.record({ op: fc.constant('delete-lines' as const), at: line, count: fc.integer({ min: 1, max: 40 }) });
const duplicateLines = fc.record({ op: fc.constant('duplicate-lines' as const), at: line, count: fc.integer({ min: 1, max: 20 }), to: line });
const moveLine = fc.record({ op: fc.constant('move-line' as const), from: line, to: line });
const shuffleLines = fc.record({ op: fc.constant('shuffle-lines' as const), at: line, keys: fc.array(fc.nat({ max: 100 }), { minLength: 2, maxLength: 30 }) });
const corruptMarker = fc.record({
  op: fc.constant('corrupt-marker' as const), marker: fc.constantFrom(...MARKER_NAMES), nth: fc.nat({ max: 50 }),
  how: fc.constantFrom(...CORRUPTIONS), arg: fc.nat({ max: 1000 }),
});
const insert = (piece: fc.Arbitrary<Piece>): fc.Arbitrary<TextEdit> =>
  fc.record({ op: fc.constant('insert' as const), line, col: fc.nat({ max: 2_000 }), piece });
const insertLine = (piece: fc.Arbitrary<Piece>): fc.Arbitrary<TextEdit> => fc.record({ op: fc.constant('insert-line' as const), line, piece });
const replaceLine = (piece: fc.Arbitrary<Piece>): fc.Arbitrary<TextEdit> => fc.record({ op: fc.constant('replace-line' as const), line, piece });
const dateEdit = fc.record({ op: fc.constant('date' as const), date, everywhere: fc.boolean() });
const lineEnds = fc.record({ op: fc.constant('line-ends' as const), eol: fc.constantFrom('crlf' as const, 'cr' as const, 'lf' as const, 'mixed' as const) });
const whole = fc.record({
  op: fc.constant('whole' as const),
  text: fc.constantFrom('', ' ', '\n', '\r\n\r\n', '\t \u00a0\n', '\ufeff', '\u200b\n', '\u3000', '\n'.repeat(500), 'Datum\nBetreft\n', 'Geachte voorzitter,'),
});

/** Any piece of inserted text: marker fragments, Unicode classes, long runs. */
const anyPiece = (maxLong: number): fc.Arbitrary<Piece> =>
  fc.oneof({ weight: 4, arbitrary: fragment }, { weight: 5, arbitrary: unicode }, { weight: 1, arbitrary: longPiece(maxLong) });

const placed = (piece: fc.Arbitrary<Piece>): fc.Arbitrary<TextEdit> => fc.oneof({ weight: 3, arbitrary: insert(piece) }, insertLine(piece), replaceLine(piece));

const STRUCTURE: Array<fc.WeightedArbitrary<TextEdit>> = [
  { weight: 2, arbitrary: truncate },
  { weight: 2, arbitrary: deleteLines },
  { weight: 2, arbitrary: duplicateLines },
  { weight: 2, arbitrary: moveLine },
  { weight: 2, arbitrary: shuffleLines },
  { weight: 8, arbitrary: corruptMarker },
  { weight: 4, arbitrary: placed(fragment) },
  { weight: 2, arbitrary: dateEdit },
  { weight: 1, arbitrary: lineEnds },
  { weight: 1, arbitrary: whole },
];

const CHARACTERS: Array<fc.WeightedArbitrary<TextEdit>> = [
  { weight: 10, arbitrary: placed(unicode) },
  { weight: 2, arbitrary: placed(longPiece()) },
  { weight: 2, arbitrary: dateEdit },
  { weight: 1, arbitrary: corruptMarker },
  { weight: 1, arbitrary: lineEnds },
];

const encoding = (rare: number): fc.Arbitrary<Encoding> => fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom<Encoding>('utf8') },
  { weight: 6, arbitrary: fc.constantFrom<Encoding>('utf8-bom') },
  { weight: rare, arbitrary: fc.constantFrom<Encoding>('utf8-double-bom', 'utf16le', 'utf16le-bom', 'utf16be-bom', 'latin1') },
);

const INVALID_UTF8 = [[0xff], [0xfe], [0xc0, 0x80], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x00], [0xef, 0xbb]];
const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ op: fc.constant('insert-bytes' as const), at: fc.nat({ max: 20_000 }), bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 })) }),
  fc.record({ op: fc.constant('truncate-bytes' as const), at: fc.nat({ max: 20_000 }) }),
);
const byteEdits = (rare: number): fc.Arbitrary<ByteEdit[]> => fc.oneof(
  { weight: 40, arbitrary: fc.constant<ByteEdit[]>([]) },
  { weight: rare, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 2 }) },
);

export type Profile = 'parse' | 'render-structure' | 'render-characters';

/** A fuzz case printed as one short line (sample, encoding, edits) in fast-check's reports. */
function withDescription(c: FuzzCase): FuzzCase {
  return Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
}

export function fuzzCase(profile: Profile): fc.Arbitrary<FuzzCase> {
  const sample = fc.nat({ max: SAMPLES.length - 1 });
  const edits = profile === 'parse'
    ? fc.array(fc.oneof(...STRUCTURE, { weight: 8, arbitrary: placed(anyPiece(131_072)) }, { weight: 1, arbitrary: placed(longPiece()) }), { maxLength: 8 })
    : fc.array(fc.oneof(...(profile === 'render-structure' ? STRUCTURE : CHARACTERS)), { minLength: 1, maxLength: 4 });
  const rare = profile === 'parse' ? 4 : profile === 'render-characters' ? 1 : 0;
  return fc.record({ sample, edits, encoding: rare ? encoding(rare) : fc.constant<Encoding>('utf8'), bytes: rare ? byteEdits(rare) : fc.constant<ByteEdit[]>([]) })
    .map(withDescription);
}
