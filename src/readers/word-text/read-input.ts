/** Reading an input file into lines: encoding checks, BOM, CRLF — before any letter logic. */
import { dropForbidden } from '../shared/characters.js';
import { InputError } from '../shared/diagnostics.js';
import { readInputFile } from '../shared/read-file.js';
import type { SourceLine } from '../shared/letter/source-line.js';

export { isBlankLine, nextNonBlank, type SourceLine } from '../shared/letter/source-line.js';

/** Control characters that never occur in a Word text export; their presence means binary data. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/u;

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let extra: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { extra = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { extra = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { extra = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * UTF-16 text, with or without a byte order mark: every other byte of ASCII text is zero. Checked
 * before UTF-8, whose decoder would otherwise report a misleading line (NUL bytes are valid UTF-8).
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  return Math.max(evenZeros, oddZeros) > pairs * 0.3 && Math.min(evenZeros, oddZeros) < pairs * 0.05;
}

/** Decodes and splits already-read bytes; exported for tests. */
export function decodeLines(file: string, bytes: Uint8Array): SourceLine[] {
  if (bytes.length === 0) throw new InputError(file, 1, 'empty-file', 'the file is empty');
  if (looksLikeUtf16(bytes)) {
    throw new InputError(file, 1, 'not-utf8', 'UTF-16 text, not UTF-8; export the letter from Word as "Plain Text" with the encoding "Unicode (UTF-8)"');
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw new InputError(file, lineOfOffset(bytes, bad), 'not-utf8',
      `not UTF-8 text (invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte ${bad}); export the letter from Word as "Plain Text, UTF-8"`);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // strips a leading BOM
  const lines = text.split(/\r\n|\r|\n/u);
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const ctl = CONTROL.exec(raw);
    if (ctl) {
      throw new InputError(file, i + 1, 'binary',
        `not a text file (control character U+${ctl[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in column ${ctl.index + 1})`);
    }
    // U+FEFF elsewhere than at the start is a zero-width no-break space Word sometimes leaves: drop it.
    const clean = dropForbidden(raw.replace(/\ufeff/gu, ''));
    out.push({ n: i + 1, text: clean.text.replace(/[\s\u00a0]+$/u, ''), ...(clean.dropped ? { dropped: clean.dropped } : {}) });
  }
  if (out.every((l) => l.text.trim() === '')) {
    throw new InputError(file, 1, 'empty-file', 'the file holds no text (only blank lines)');
  }
  return out;
}

export async function readSourceLines(file: string): Promise<SourceLine[]> {
  return decodeLines(file, await readInputFile(file));
}
