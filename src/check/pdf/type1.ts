/**
 * Just enough of a Type 1 font program reader (Adobe Type 1 Font Format, chapters 7 and 2.4) for
 * 7.21.4.2-1: the names of the glyphs in the program, the keys of its /CharStrings dictionary,
 * which sits in the eexec-encrypted part. Charstrings themselves are skipped, not decoded.
 */

export class Type1Error extends Error {}

const EEXEC_KEY = 55665;
const C1 = 52845;
const C2 = 22719;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isHex = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** PFB files wrap the program in segments (0x80, type, little-endian length); PDF should not, but some do. */
function unwrapPfb(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x80) return bytes;
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at + 6 <= bytes.length && bytes[at] === 0x80 && bytes[at + 1] !== 3) {
    const length = bytes[at + 2]! | (bytes[at + 3]! << 8) | (bytes[at + 4]! << 16) | (bytes[at + 5]! << 24);
    parts.push(bytes.subarray(at + 6, at + 6 + length));
    at += 6 + length;
  }
  return Buffer.concat(parts);
}

/** Where the encrypted part starts: at Length1 when that points right after `eexec`, else after `eexec` and its white space. */
function eexecStart(bytes: Uint8Array, length1: number | undefined): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const marker = text.indexOf('eexec');
  if (marker < 0) throw new Type1Error('no eexec section');
  if (length1 !== undefined && length1 > marker && length1 < bytes.length) return length1;
  let at = marker + 5;
  while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a || bytes[at] === 0x20 || bytes[at] === 0x09)) at += 1;
  return at;
}

/** The eexec section decrypted, without its four random leading bytes (binary or hex form). */
export function decryptEexec(encrypted: Uint8Array): Uint8Array {
  let cipher = encrypted;
  if (encrypted.length >= 4 && [0, 1, 2, 3].every((i) => isHex(encrypted[i]!))) {
    const digits = Buffer.from(encrypted).toString('latin1').replace(/[^0-9A-Fa-f]/g, '');
    cipher = Buffer.from(digits.length % 2 === 0 ? digits : `${digits}0`, 'hex');
  }
  const plain = new Uint8Array(cipher.length);
  let r = EEXEC_KEY;
  for (let i = 0; i < cipher.length; i += 1) {
    const c = cipher[i]!;
    plain[i] = c ^ (r >> 8);
    r = ((c + r) * C1 + C2) & 0xffff;
  }
  return plain.subarray(4);
}

/**
 * The glyph names of a Type 1 program (its /CharStrings keys, .notdef included).
 * `length1` is the stream's /Length1, the length of the clear-text part.
 */
export function readType1GlyphNames(program: Uint8Array, length1?: number): string[] {
  const bytes = unwrapPfb(program);
  const plain = decryptEexec(bytes.subarray(eexecStart(bytes, length1)));
  const text = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString('latin1');
  const dict = /\/CharStrings\s+\d+\s+dict\s+dup\s+begin/.exec(text);
  if (!dict) throw new Type1Error('no /CharStrings dictionary in the eexec section');
  const names: string[] = [];
  let at = dict.index + dict[0].length;
  const skipSpace = (): void => {
    while (at < plain.length && isSpace(plain[at]!)) at += 1;
  };
  const token = (): string => {
    const start = at;
    while (at < plain.length && !isSpace(plain[at]!) && (at === start || plain[at] !== 0x2f)) at += 1;
    return text.slice(start, at);
  };
  for (;;) {
    skipSpace();
    if (at >= plain.length) throw new Type1Error('/CharStrings dictionary not closed by end');
    if (plain[at] !== 0x2f) {
      // `ND`, `|-` or `noaccess def` after a charstring; `end` closes the dictionary.
      if (token() === 'end') return names;
      continue;
    }
    const name = token().slice(1);
    skipSpace();
    const length = Number(token());
    skipSpace();
    token(); // RD or -|: the operator that reads the binary charstring
    if (!Number.isInteger(length) || length < 0) throw new Type1Error(`charstring of /${name} has no length`);
    // Exactly one space separates the operator from the binary data.
    at += 1 + length;
    if (at > plain.length) throw new Type1Error(`charstring of /${name} runs past the end of the program`);
    names.push(name);
  }
}
