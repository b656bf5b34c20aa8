/**
 * A tokenizer and operation reader for PDF content streams (ISO 32000-1, 7.2 and 7.8.2) that
 * also reads CMap files, which share the syntax.
 *
 * Covers comments, numbers, names with #xx escapes, literal strings with nested parentheses,
 * escapes and line continuations, hex strings, arrays, dictionaries and inline images
 * (`BI … ID <binary> EI`, whose binary data must not be tokenized).
 */

export type Operand =
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'name'; v: string }
  | { t: 'str'; v: Uint8Array }
  | { t: 'arr'; v: Operand[] }
  | { t: 'dict'; v: Map<string, Operand> };

export interface Operation {
  op: string;
  operands: Operand[];
  /** Byte offset of the operator, for messages. */
  offset: number;
}

/** Syntax damage: the reader stops at the first error, keeping what it read before. */
export class ContentSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

type Token =
  | Operand
  | { t: 'kw'; v: string; offset: number }
  | { t: 'open'; v: '[' | '<<' | '{' }
  | { t: 'close'; v: ']' | '>>' | '}' };

const latin1 = new TextDecoder('latin1');

export class ContentLexer {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get offset(): number {
    return this.pos;
  }

  /** Next raw token, or undefined at the end. */
  nextToken(): Token | undefined {
    this.skipWhitespaceAndComments();
    const bytes = this.bytes;
    if (this.pos >= bytes.length) return undefined;
    const start = this.pos;
    const c = bytes[this.pos]!;
    switch (c) {
      case 0x28: // (
        return { t: 'str', v: this.readLiteralString() };
      case 0x3c: // <
        if (bytes[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return { t: 'open', v: '<<' };
        }
        return { t: 'str', v: this.readHexString() };
      case 0x3e: // >
        if (bytes[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { t: 'close', v: '>>' };
        }
        throw new ContentSyntaxError('unexpected ">"', start);
      case 0x5b:
        this.pos += 1;
        return { t: 'open', v: '[' };
      case 0x5d:
        this.pos += 1;
        return { t: 'close', v: ']' };
      case 0x7b:
        this.pos += 1;
        return { t: 'open', v: '{' };
      case 0x7d:
        this.pos += 1;
        return { t: 'close', v: '}' };
      case 0x2f: // /
        return { t: 'name', v: this.readName() };
      case 0x29:
        throw new ContentSyntaxError('unbalanced ")"', start);
      default: {
        const word = this.readRegular();
        if (word === 'true' || word === 'false') return { t: 'bool', v: word === 'true' };
        if (word === 'null') return { t: 'null' };
        const num = parseNumber(word);
        if (num !== undefined) return { t: 'num', v: num };
        return { t: 'kw', v: word, offset: start };
      }
    }
  }

  /**
   * Reads a complete object (arrays and dicts with their contents). `first` is a token already
   * read. A keyword is not an object: it comes back as the keyword token, for the caller to judge.
   */
  private readObject(first: Token): Operand | { t: 'kw'; v: string; offset: number } {
    if (first.t === 'open') {
      if (first.v === '[' || first.v === '{') {
        const close = first.v === '[' ? ']' : '}';
        const out: Operand[] = [];
        for (;;) {
          const token = this.nextToken();
          if (!token) throw new ContentSyntaxError(`unterminated "${first.v}"`, this.pos);
          if (token.t === 'close') {
            if (token.v !== close) throw new ContentSyntaxError(`"${token.v}" closes "${first.v}"`, this.pos);
            return { t: 'arr', v: out };
          }
          const item = this.readObject(token);
          // Procedures ({…} in CMaps) hold keywords; arrays in content streams never do.
          if (item.t === 'kw') {
            if (close === ']') throw new ContentSyntaxError(`operator "${item.v}" inside an array`, item.offset);
            continue;
          }
          out.push(item);
        }
      }
      const map = new Map<string, Operand>();
      for (;;) {
        const keyToken = this.nextToken();
        if (!keyToken) throw new ContentSyntaxError('unterminated dictionary', this.pos);
        if (keyToken.t === 'close' && keyToken.v === '>>') return { t: 'dict', v: map };
        if (keyToken.t !== 'name') throw new ContentSyntaxError('dictionary key is not a name', this.pos);
        const valueToken = this.nextToken();
        if (!valueToken) throw new ContentSyntaxError('unterminated dictionary', this.pos);
        const value = this.readObject(valueToken);
        if (value.t === 'kw') throw new ContentSyntaxError(`operator "${value.v}" inside a dictionary`, value.offset);
        map.set(keyToken.v, value);
      }
    }
    if (first.t === 'close') throw new ContentSyntaxError(`unexpected "${first.v}"`, this.pos);
    return first;
  }

  /** Next object or keyword: what a CMap reader wants. */
  next(): Operand | { t: 'kw'; v: string; offset: number } | undefined {
    const token = this.nextToken();
    return token ? this.readObject(token) : undefined;
  }

  /**
   * Skips the binary data of an inline image, which starts after the single whitespace byte
   * following `ID`. The end is the first `EI` between whitespace (or at the end); `/L` or
   * `/Length` (PDF 2.0) gives the exact length when present.
   */
  skipInlineImageData(length: number | undefined): void {
    const bytes = this.bytes;
    this.pos += 1; // the single whitespace byte after ID
    if (length !== undefined && this.pos + length <= bytes.length) {
      this.pos += length;
    }
    for (let i = this.pos; i + 1 < bytes.length; i += 1) {
      if (
        bytes[i] === 0x45 &&
        bytes[i + 1] === 0x49 &&
        (i === this.pos || WHITESPACE.has(bytes[i - 1]!)) &&
        (i + 2 >= bytes.length || WHITESPACE.has(bytes[i + 2]!) || DELIMITERS.has(bytes[i + 2]!))
      ) {
        this.pos = i + 2;
        return;
      }
    }
    throw new ContentSyntaxError('inline image without EI', this.pos);
  }

  private skipWhitespaceAndComments(): void {
    const bytes = this.bytes;
    while (this.pos < bytes.length) {
      const c = bytes[this.pos]!;
      if (WHITESPACE.has(c)) {
        this.pos += 1;
      } else if (c === 0x25) {
        while (this.pos < bytes.length && bytes[this.pos] !== 0x0a && bytes[this.pos] !== 0x0d) this.pos += 1;
      } else {
        return;
      }
    }
  }

  private readRegular(): string {
    const bytes = this.bytes;
    const start = this.pos;
    while (this.pos < bytes.length && !WHITESPACE.has(bytes[this.pos]!) && !DELIMITERS.has(bytes[this.pos]!)) {
      this.pos += 1;
    }
    return latin1.decode(bytes.subarray(start, this.pos));
  }

  private readName(): string {
    this.pos += 1; // the slash
    const raw = this.readRegular();
    return raw.includes('#')
      ? raw.replace(/#([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : raw;
  }

  private readLiteralString(): Uint8Array {
    const bytes = this.bytes;
    const start = this.pos;
    this.pos += 1;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < bytes.length) {
      const c = bytes[this.pos++]!;
      if (c === 0x5c) {
        if (this.pos >= bytes.length) break;
        const e = bytes[this.pos++]!;
        switch (e) {
          case 0x6e: out.push(0x0a); break; // n
          case 0x72: out.push(0x0d); break; // r
          case 0x74: out.push(0x09); break; // t
          case 0x62: out.push(0x08); break; // b
          case 0x66: out.push(0x0c); break; // f
          case 0x0d: // backslash-EOL: line continuation
            if (bytes[this.pos] === 0x0a) this.pos += 1;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let value = e - 0x30;
              for (let k = 0; k < 2 && this.pos < bytes.length; k += 1) {
                const d = bytes[this.pos]!;
                if (d < 0x30 || d > 0x37) break;
                value = value * 8 + (d - 0x30);
                this.pos += 1;
              }
              out.push(value & 0xff);
            } else {
              // \( \) \\ and unknown escapes: the character itself.
              out.push(e);
            }
        }
      } else if (c === 0x28) {
        depth += 1;
        out.push(c);
      } else if (c === 0x29) {
        depth -= 1;
        if (depth === 0) return Uint8Array.from(out);
        out.push(c);
      } else if (c === 0x0d) {
        // An unescaped end of line in a string is a single line feed, whatever its form.
        if (bytes[this.pos] === 0x0a) this.pos += 1;
        out.push(0x0a);
      } else {
        out.push(c);
      }
    }
    throw new ContentSyntaxError('unterminated string', start);
  }

  private readHexString(): Uint8Array {
    const bytes = this.bytes;
    const start = this.pos;
    this.pos += 1;
    const out: number[] = [];
    let high = -1;
    while (this.pos < bytes.length) {
      const c = bytes[this.pos++]!;
      if (c === 0x3e) {
        if (high >= 0) out.push(high << 4); // odd digit count: a trailing 0 is implied
        return Uint8Array.from(out);
      }
      if (WHITESPACE.has(c)) continue;
      const digit = hexDigit(c);
      if (digit < 0) throw new ContentSyntaxError('bad hex string', start);
      if (high < 0) {
        high = digit;
      } else {
        out.push((high << 4) | digit);
        high = -1;
      }
    }
    throw new ContentSyntaxError('unterminated hex string', start);
  }
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

function parseNumber(word: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return undefined;
  return Number(word);
}

/**
 * Reads operations (operands + operator). An inline image becomes one operation `BI` whose single
 * operand is the image dictionary. Throws `ContentSyntaxError` on damage; `onOperation` has then
 * seen everything before it.
 */
export function readOperations(bytes: Uint8Array, onOperation: (operation: Operation) => void): void {
  const lexer = new ContentLexer(bytes);
  let operands: Operand[] = [];
  for (;;) {
    const item = lexer.next();
    if (!item) break;
    if (item.t !== 'kw') {
      operands.push(item);
      continue;
    }
    if (item.v === 'BI') {
      const dict = new Map<string, Operand>();
      for (;;) {
        const key = lexer.next();
        if (!key) throw new ContentSyntaxError('inline image without ID', lexer.offset);
        if (key.t === 'kw' && key.v === 'ID') break;
        if (key.t !== 'name') throw new ContentSyntaxError('inline image key is not a name', lexer.offset);
        const value = lexer.next();
        if (!value || value.t === 'kw') throw new ContentSyntaxError('inline image value missing', lexer.offset);
        dict.set(key.v, value);
      }
      const length = dict.get('L') ?? dict.get('Length');
      lexer.skipInlineImageData(length?.t === 'num' ? length.v : undefined);
      onOperation({ op: 'BI', operands: [{ t: 'dict', v: dict }], offset: item.offset });
      operands = [];
      continue;
    }
    onOperation({ op: item.v, operands, offset: item.offset });
    operands = [];
  }
}

/** Latin-1 view of string bytes, for messages and byte-string comparisons. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}
