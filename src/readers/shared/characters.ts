/**
 * Characters no publication may hold. XML (so XHTML, the EPUB package, the PDF's XMP) forbids
 * the noncharacters U+FFFE and U+FFFF and C0 controls; Unicode reserves 32 code points of Arabic
 * Presentation Forms-A (the range below) and the last two code points of every plane as
 * noncharacters; HTML parsers reject C1 controls (U+0080–U+009F).
 * None of them is ever text a letter means, so every reader drops them and warns at their place,
 * the same way for every format.
 */
import type { DiagnosticSink } from './diagnostics.js';

/** True for a code point that is dropped from the input. Tab, line feed and carriage return are text. */
export function isForbiddenCodePoint(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0xfdd0 && cp <= 0xfdef) ||
    (cp & 0xfffe) === 0xfffe ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

export interface Dropped {
  /** 1-based column (in code points) of the first dropped character. */
  column: number;
  /** `U+FFFE`, `U+0085` … every distinct one, in order of appearance. */
  codePoints: string[];
  count: number;
}

export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text without forbidden characters, and what was dropped (undefined when nothing was). */
export function dropForbidden(text: string): { text: string; dropped?: Dropped } {
  let out = '';
  let column = 0;
  let first = 0;
  let count = 0;
  const names: string[] = [];
  for (const ch of text) {
    column++;
    const cp = ch.codePointAt(0)!;
    if (isForbiddenCodePoint(cp)) {
      if (count === 0) first = column;
      count++;
      const name = codePointName(cp);
      if (!names.includes(name)) names.push(name);
      continue;
    }
    out += ch;
  }
  return count === 0 ? { text } : { text: out, dropped: { column: first, codePoints: names, count } };
}

/** The one wording of the warning about dropped characters, for every reader. */
export function warnDropped(sink: DiagnosticSink, line: number, dropped: Dropped): void {
  const what = dropped.codePoints.join(', ');
  sink.warn(line, 'forbidden-character',
    `${dropped.count === 1 ? 'a character' : `${dropped.count} characters`} no publication may hold (${what}, column ${dropped.column}) ${dropped.count === 1 ? 'is' : 'are'} left out`);
}
