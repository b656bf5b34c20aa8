/**
 * Mutations of the sample letters, as plain data: a fuzz case is a sample, a list of text edits,
 * an encoding and a list of byte edits. fast-check generates and shrinks the data (fewer edits,
 * smaller numbers, sample 0); `caseBytes` turns it into the bytes of a letter file. Long texts are
 * described (`{ long: 'url', length }`) and built only when applied, so a reported case stays short.
 */
import { SAMPLES } from './samples.js';

export type LongShape = 'url' | 'www' | 'email' | 'word' | 'words' | 'nbsp-words' | 'bracketed-url' | 'footnote';

/** Text to insert: literal, or a long run built on demand. */
export type Piece = string | { long: LongShape; length: number };

export type MarkerName = keyof typeof MARKERS;

export type Corruption =
  | 'delete' | 'drop-char' | 'duplicate' | 'renumber' | 'unclose' | 'unopen' | 'upper' | 'lower'
  | 'space' | 'nest' | 'own-line' | 'move';

export type TextEdit =
  | { op: 'truncate'; at: number }
  | { op: 'delete-lines'; at: number; count: number }
  | { op: 'duplicate-lines'; at: number; count: number; to: number }
  | { op: 'move-line'; from: number; to: number }
  | { op: 'shuffle-lines'; at: number; keys: number[] }
  | { op: 'corrupt-marker'; marker: MarkerName; nth: number; how: Corruption; arg: number }
  | { op: 'insert'; line: number; col: number; piece: Piece }
  | { op: 'insert-line'; line: number; piece: Piece }
  | { op: 'replace-line'; line: number; piece: Piece }
  | { op: 'date'; date: string; everywhere: boolean }
  | { op: 'line-ends'; eol: 'crlf' | 'cr' | 'lf' | 'mixed' }
  | { op: 'whole'; text: string };

export type Encoding = 'utf8' | 'utf8-bom' | 'utf8-double-bom' | 'utf16le' | 'utf16le-bom' | 'utf16be-bom' | 'latin1';

export type ByteEdit =
  | { op: 'insert-bytes'; at: number; bytes: number[] }
  | { op: 'truncate-bytes'; at: number };

export interface FuzzCase {
  /** Index into `SAMPLES`. */
  sample: number;
  edits: TextEdit[];
  encoding: Encoding;
  bytes: ByteEdit[];
}

// ---------------------------------------------------------------- the markers of the input format

/** Every shape the parser keys on (see the README's input format), each a global regex. */
export const MARKERS = {
  footnoteRef: /\[footnoteRef:\d+\]/gu,
  footnoteText: /\[\d+: {2}/gu,
  sourceRef: /\[\d{1,3}\]/gu,
  qaLabel: /^(?:Vraag|Antwoord)[^\r\n]*/gmu,
  label: /^(?:Datum|Betreft|Onze referentie|Uw referentie|Bijlage\(n\)|Ons kenmerk|Uw kenmerk|Kenmerk|Contactpersoon|Inlichtingen)[ \t]*$/gmu,
  image: /\[image:[^\]\r\n]*\]/gu,
  pageFurniture: /Pagina \d+ van \d+/gu,
  salutation: /^Geachte[^\r\n]*/gmu,
  signature: /^[^\r\n]*,[ \t]*$/gmu,
  listMarker: /^[ \t]*(?:[-•–*]|\d{1,3}[.)]|[a-z][.)])(?=[ \t])/gmu,
  link: /(?:https?:\/\/|www\.)[^\s)\]]+/gu,
  number: /\d+/gu,
} as const;

/** Numbers a corrupted marker may carry instead of its own. */
export const ODD_NUMBERS = ['0', '00', '1', '2', '7', '999', '1000', '4294967296', '9007199254740993', '99999999999999999999', '-1', '1.5', '١', '９', 'Ⅳ', ''];

const SPACES = [' ', '  ', '\t', '\u00a0', '\u200b', '\n', '\r\n', '\r'];

// ---------------------------------------------------------------- long pieces

const LONG_UNITS: Record<LongShape, [prefix: string, unit: string, suffix: string]> = {
  url: ['https://www.rijksoverheid.nl/', 'documenten/kamerstukken/2026/02/12/beantwoording-', '?s=20'],
  www: ['www.', 'sub-domein.', 'nl/pad'],
  email: ['', 'voornaam.achternaam', '@minbuza.nl'],
  word: ['', 'Ontwikkelingssamenwerkingsorganisatie', ''],
  words: ['', 'de minister heeft de Kamer geïnformeerd over ', 'dit.'],
  'nbsp-words': ['', 'artikel\u00a012\u00a0lid\u00a03\u00a0', 'Wet.'],
  'bracketed-url': ['(', 'https://x.com/status/2012916967741800646/', ')'],
  footnote: ['[footnoteRef:1] [1:  ', 'Zie https://zoek.officielebekendmakingen.nl/kst-36200-V-', ']'],
};

export function buildLong(shape: LongShape, length: number): string {
  const [prefix, unit, suffix] = LONG_UNITS[shape];
  const body = Math.max(0, length - prefix.length - suffix.length);
  return prefix + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + suffix;
}

export function pieceText(piece: Piece): string {
  return typeof piece === 'string' ? piece : buildLong(piece.long, piece.length);
}

// ---------------------------------------------------------------- applying text edits

interface Line {
  text: string;
  eol: string;
}

function toLines(s: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\n|\r/gu;
  let start = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ text: s.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  out.push({ text: s.slice(start), eol: '' });
  return out;
}

function fromLines(lines: readonly Line[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The line end most lines use (for inserted lines). */
function usualEol(lines: readonly Line[]): string {
  return lines.find((l) => l.eol !== '')?.eol ?? '\n';
}

/** `i` moved back off the second half of a surrogate pair, so a cut never makes a lone surrogate. */
function safeIndex(s: string, i: number): number {
  const at = Math.max(0, Math.min(s.length, i));
  const c = s.charCodeAt(at);
  return at > 0 && at < s.length && c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

const mod = (n: number, m: number): number => (m <= 0 ? 0 : ((n % m) + m) % m);

function splice(s: string, at: number, remove: number, insert: string): string {
  return s.slice(0, at) + insert + s.slice(at + remove);
}

function corrupt(m: string, how: Corruption, arg: number): string {
  switch (how) {
    case 'delete': return '';
    case 'drop-char': { const i = safeIndex(m, mod(arg, m.length)); return splice(m, i, m.codePointAt(i)! > 0xffff ? 2 : 1, ''); }
    case 'duplicate': return m + m;
    case 'renumber': return m.replace(/\d+/gu, ODD_NUMBERS[mod(arg, ODD_NUMBERS.length)]!);
    case 'unclose': return m.slice(0, safeIndex(m, m.length - 1));
    case 'unopen': return m.slice(safeIndex(m, 1));
    case 'upper': return m.toUpperCase();
    case 'lower': return m.toLowerCase();
    case 'space': return splice(m, safeIndex(m, mod(arg, m.length + 1)), 0, SPACES[mod(arg, SPACES.length)]!);
    case 'nest': { const i = safeIndex(m, mod(arg, m.length + 1)); return m.slice(0, i) + m + m.slice(i); }
    case 'own-line': return `\n${m}\n`;
    case 'move': return m; // handled by the caller (needs the whole text)
  }
}

const DATE_IN_TEXT = /\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s+\d{4}\b/gu;

function applyEdit(text: string, e: TextEdit): string {
  switch (e.op) {
    case 'truncate': return text.slice(0, safeIndex(text, mod(e.at, text.length + 1)));
    case 'whole': return e.text;
    case 'line-ends': {
      const lines = toLines(text);
      const eols = { crlf: ['\r\n'], cr: ['\r'], lf: ['\n'], mixed: ['\r\n', '\n', '\r'] }[e.eol];
      return fromLines(lines.map((l, i) => ({ text: l.text, eol: l.eol === '' ? '' : eols[i % eols.length]! })));
    }
    case 'date': {
      const lines = toLines(text);
      const at = lines.findIndex((l) => l.text.trim() === 'Datum');
      let target = at + 1;
      while (at >= 0 && target < lines.length && lines[target]!.text.trim() === '') target++;
      if (at >= 0 && target < lines.length) lines[target] = { ...lines[target]!, text: e.date };
      const out = fromLines(lines);
      return e.everywhere ? out.replace(DATE_IN_TEXT, () => e.date) : out;
    }
    case 'corrupt-marker': {
      const re = new RegExp(MARKERS[e.marker].source, MARKERS[e.marker].flags);
      const hits = [...text.matchAll(re)];
      if (hits.length === 0) return text;
      const hit = hits[mod(e.nth, hits.length)]!;
      const start = hit.index;
      const without = splice(text, start, hit[0].length, corrupt(hit[0], e.how, e.arg));
      if (e.how !== 'move') return without;
      const rest = splice(text, start, hit[0].length, '');
      const lines = toLines(rest);
      const to = mod(e.arg, lines.length);
      lines[to] = { ...lines[to]!, text: hit[0] + lines[to]!.text };
      return fromLines(lines);
    }
    default: break;
  }
  const lines = toLines(text);
  const n = lines.length;
  switch (e.op) {
    case 'delete-lines': {
      lines.splice(mod(e.at, n), e.count);
      if (lines.length === 0) return '';
      lines[lines.length - 1] = { ...lines.at(-1)!, eol: '' };
      break;
    }
    case 'duplicate-lines': {
      const from = mod(e.at, n);
      const copy = lines.slice(from, from + e.count).map((l) => ({ text: l.text, eol: l.eol || usualEol(lines) }));
      lines.splice(mod(e.to, n), 0, ...copy);
      break;
    }
    case 'move-line': {
      const [line] = lines.splice(mod(e.from, n), 1);
      lines.splice(mod(e.to, Math.max(1, n - 1)), 0, { text: line!.text, eol: line!.eol || usualEol(lines) });
      break;
    }
    case 'shuffle-lines': {
      const from = mod(e.at, n);
      const window = lines.slice(from, from + e.keys.length);
      const order = window.map((l, i) => ({ l, k: e.keys[i]! })).sort((a, b) => a.k - b.k).map((x) => x.l.text);
      order.forEach((t, i) => { lines[from + i] = { ...lines[from + i]!, text: t }; });
      break;
    }
    case 'insert': {
      const i = mod(e.line, n);
      const l = lines[i]!;
      lines[i] = { ...l, text: splice(l.text, safeIndex(l.text, mod(e.col, l.text.length + 1)), 0, pieceText(e.piece)) };
      break;
    }
    case 'insert-line': lines.splice(mod(e.line, n + 1), 0, { text: pieceText(e.piece), eol: usualEol(lines) }); break;
    case 'replace-line': { const i = mod(e.line, n); lines[i] = { ...lines[i]!, text: pieceText(e.piece) }; break; }
  }
  return fromLines(lines);
}

export function caseText(c: FuzzCase): string {
  return c.edits.reduce(applyEdit, SAMPLES[mod(c.sample, SAMPLES.length)]!.text);
}

// ---------------------------------------------------------------- bytes

function encode(text: string, encoding: Encoding): Uint8Array {
  const plain = text.replace(/^\ufeff/u, '');
  switch (encoding) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8-bom': return Buffer.from(`\ufeff${plain}`, 'utf8');
    case 'utf8-double-bom': return Buffer.from(`\ufeff\ufeff${plain}`, 'utf8');
    case 'utf16le': return Buffer.from(plain, 'utf16le');
    case 'utf16le-bom': return Buffer.from(`\ufeff${plain}`, 'utf16le');
    case 'utf16be-bom': return Buffer.from(`\ufeff${plain}`, 'utf16le').swap16();
    // Windows-1252-like export: every non-ASCII character a single byte (or '?'), invalid as UTF-8.
    case 'latin1': return Buffer.from(plain.replace(/[^\u0000-\u00ff]/gu, '?'), 'latin1');
  }
}

function applyByteEdit(bytes: Uint8Array, e: ByteEdit): Uint8Array {
  const at = mod(e.at, bytes.length + 1);
  if (e.op === 'truncate-bytes') return bytes.subarray(0, at);
  const out = new Uint8Array(bytes.length + e.bytes.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(e.bytes.map((b) => b & 0xff), at);
  out.set(bytes.subarray(at), at + e.bytes.length);
  return out;
}

/** The letter file a case stands for. */
export function caseBytes(c: FuzzCase): Uint8Array {
  return c.bytes.reduce(applyByteEdit, encode(caseText(c), c.encoding));
}

// ---------------------------------------------------------------- printing

/** Non-ASCII and control characters as `\u{…}`: a reported case is one readable line. */
export function printable(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

export function describeCase(c: FuzzCase): string {
  const sample = SAMPLES[mod(c.sample, SAMPLES.length)]!.name;
  return `${sample} · ${c.encoding} · edits ${printable(c.edits)}${c.bytes.length ? ` · bytes ${printable(c.bytes)}` : ''}`;
}
