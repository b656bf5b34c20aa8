/**
 * CMap files: the ToUnicode CMap of a font (code → Unicode) and an embedded encoding CMap of a
 * Type 0 font (code → CID). Both use the PostScript-like CMap syntax (Adobe TN 5014 / 5411).
 */
import { ContentLexer, ContentSyntaxError, type Operand } from './content-lexer.js';

export interface CodespaceRange {
  bytes: number;
  low: number;
  high: number;
}

interface Range<T> {
  bytes: number;
  low: number;
  high: number;
  value: T;
}

export interface CMap {
  codespace: CodespaceRange[];
  /** `usecmap` parent, e.g. `Identity-H`. */
  usecmap?: string;
  /** Code → Unicode (ToUnicode CMaps). */
  unicodeOf(code: number, bytes: number): string | undefined;
  /** Code → CID (encoding CMaps). */
  cidOf(code: number, bytes: number): number | undefined;
  /** Every Unicode value the CMap defines, for the U+0000/U+FEFF/U+FFFE test. */
  readonly unicodeEntryCount: number;
}

const utf16 = new TextDecoder('utf-16be');

function key(code: number, bytes: number): number {
  return bytes * 0x1_0000_0000 + code;
}

function codeOf(bytes: Uint8Array): number {
  let value = 0;
  for (const b of bytes) value = value * 256 + b;
  return value;
}

/** Adds `delta` to the last UTF-16 unit of a destination string (bfrange semantics). */
function offsetUnicode(base: Uint8Array, delta: number): string {
  if (delta === 0 || base.length < 2) return utf16.decode(base);
  const copy = Uint8Array.from(base);
  const last = ((copy[copy.length - 2]! << 8) | copy[copy.length - 1]!) + delta;
  copy[copy.length - 2] = (last >> 8) & 0xff;
  copy[copy.length - 1] = last & 0xff;
  return utf16.decode(copy);
}

/**
 * Parses a CMap. Damage after some mappings keeps the mappings read so far (a viewer does the
 * same); `error` says what went wrong.
 */
export function parseCMap(bytes: Uint8Array): CMap & { error?: string } {
  const codespace: CodespaceRange[] = [];
  const unicodeChars = new Map<number, string>();
  const unicodeRanges: Array<Range<Uint8Array | string[]>> = [];
  const cidChars = new Map<number, number>();
  const cidRanges: Array<Range<number>> = [];
  let usecmap: string | undefined;
  let error: string | undefined;
  let previous: Operand | undefined;

  const lexer = new ContentLexer(bytes);
  const operands: Operand[] = [];
  const str = (o: Operand | undefined): Uint8Array | undefined => (o?.t === 'str' ? o.v : undefined);

  try {
    for (;;) {
      const item = lexer.next();
      if (!item) break;
      if (item.t !== 'kw') {
        operands.push(item);
        previous = item;
        continue;
      }
      const word = item.v;
      if (word === 'usecmap' && previous?.t === 'name') usecmap = previous.v;
      if (word === 'endcodespacerange') {
        for (let i = 0; i + 1 < operands.length; i += 2) {
          const low = str(operands[i]);
          const high = str(operands[i + 1]);
          if (low && high) codespace.push({ bytes: low.length, low: codeOf(low), high: codeOf(high) });
        }
      } else if (word === 'endbfchar') {
        for (let i = 0; i + 1 < operands.length; i += 2) {
          const src = str(operands[i]);
          const dst = operands[i + 1];
          if (!src) continue;
          // A glyph name as destination is legal but carries no Unicode; keep it unmapped.
          if (dst?.t === 'str') unicodeChars.set(key(codeOf(src), src.length), utf16.decode(dst.v));
        }
      } else if (word === 'endbfrange') {
        for (let i = 0; i + 2 < operands.length; i += 3) {
          const low = str(operands[i]);
          const high = str(operands[i + 1]);
          const dst = operands[i + 2];
          if (!low || !high) continue;
          if (dst?.t === 'str') {
            unicodeRanges.push({ bytes: low.length, low: codeOf(low), high: codeOf(high), value: dst.v });
          } else if (dst?.t === 'arr') {
            const list = dst.v.map((d) => (d.t === 'str' ? utf16.decode(d.v) : ''));
            unicodeRanges.push({ bytes: low.length, low: codeOf(low), high: codeOf(high), value: list });
          }
        }
      } else if (word === 'endcidchar') {
        for (let i = 0; i + 1 < operands.length; i += 2) {
          const src = str(operands[i]);
          const cid = operands[i + 1];
          if (src && cid?.t === 'num') cidChars.set(key(codeOf(src), src.length), cid.v);
        }
      } else if (word === 'endcidrange') {
        for (let i = 0; i + 2 < operands.length; i += 3) {
          const low = str(operands[i]);
          const high = str(operands[i + 1]);
          const cid = operands[i + 2];
          if (low && high && cid?.t === 'num') {
            cidRanges.push({ bytes: low.length, low: codeOf(low), high: codeOf(high), value: cid.v });
          }
        }
      }
      operands.length = 0;
      previous = undefined;
    }
  } catch (e) {
    if (!(e instanceof ContentSyntaxError)) throw e;
    error = e.message;
  }

  const unicodeCache = new Map<number, string | undefined>();
  let entryCount = unicodeChars.size;
  for (const range of unicodeRanges) entryCount += range.high - range.low + 1;

  const cmap: CMap & { error?: string } = {
    codespace,
    unicodeEntryCount: entryCount,
    unicodeOf(code, n) {
      const k = key(code, n);
      if (unicodeCache.has(k)) return unicodeCache.get(k);
      let result = unicodeChars.get(k);
      if (result === undefined) {
        for (const range of unicodeRanges) {
          if (range.bytes !== n || code < range.low || code > range.high) continue;
          result = Array.isArray(range.value)
            ? range.value[code - range.low]
            : offsetUnicode(range.value, code - range.low);
          break;
        }
      }
      unicodeCache.set(k, result);
      return result;
    },
    cidOf(code, n) {
      const direct = cidChars.get(key(code, n));
      if (direct !== undefined) return direct;
      for (const range of cidRanges) {
        if (range.bytes === n && code >= range.low && code <= range.high) return range.value + (code - range.low);
      }
      if (usecmap === 'Identity-H' || usecmap === 'Identity-V') return n === 2 ? code : undefined;
      return undefined;
    },
  };
  if (usecmap !== undefined) cmap.usecmap = usecmap;
  if (error !== undefined) cmap.error = error;
  return cmap;
}

/**
 * Splits string bytes into character codes using codespace ranges (ISO 32000-1, 9.7.6.2): the
 * shortest prefix that falls in a range of its own length wins; bytes matching no range are
 * consumed one by one (a viewer shows .notdef for them).
 */
export function splitCodes(
  bytes: Uint8Array,
  codespace: readonly CodespaceRange[],
): Array<{ code: number; bytes: number; valid: boolean }> {
  const out: Array<{ code: number; bytes: number; valid: boolean }> = [];
  let i = 0;
  while (i < bytes.length) {
    let matched = false;
    let code = 0;
    for (let n = 1; n <= 4 && i + n <= bytes.length; n += 1) {
      code = code * 256 + bytes[i + n - 1]!;
      if (codespace.some((r) => r.bytes === n && code >= r.low && code <= r.high)) {
        out.push({ code, bytes: n, valid: true });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      const n = Math.min(...codespace.map((r) => r.bytes), bytes.length - i);
      let value = 0;
      for (let k = 0; k < n; k += 1) value = value * 256 + bytes[i + k]!;
      out.push({ code: value, bytes: n, valid: false });
      i += n;
    }
  }
  return out;
}

export const IDENTITY_CODESPACE: readonly CodespaceRange[] = [{ bytes: 2, low: 0, high: 0xffff }];
export const SINGLE_BYTE_CODESPACE: readonly CodespaceRange[] = [{ bytes: 1, low: 0, high: 0xff }];
