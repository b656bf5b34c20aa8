/**
 * Inline tokens of running text, whatever reader found it: Word footnote calls as the text export
 * writes them (`[footnoteRef:N]`), source references (`[N]`), web and e-mail addresses. A Word
 * document adds line breaks and endnote calls (the text export has neither).
 */
import type { BreakInline, Inline, LinkInline, TextInline } from '../../model/ast.js';

export type RawToken =
  | TextInline
  | LinkInline
  | BreakInline
  | { type: 'footnoteCall'; number: number; raw: string; line: number }
  | { type: 'endnoteCall'; number: number; raw: string; line: number }
  | { type: 'sourceCall'; number: number; raw: string; line: number };

const ADDRESS_CHAR = String.raw`(?:(?!\[footnoteRef:|\[\d{1,3}\])[^\s<>"\u00a0])`;

const TOKEN = new RegExp(
  [
    String.raw`\[footnoteRef:\s*(?<fn>\d+)\s*\]`,
    String.raw`\[(?<src>\d{1,3})\]`,
    // An address ends before a note call written straight after it (`…/2026.[footnoteRef:10]`).
    String.raw`(?<url>\bhttps?:\/\/${ADDRESS_CHAR}+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+${ADDRESS_CHAR}*)`,
    // Bounded as RFC 5321 bounds addresses (64-character local part, 63-character labels), and only
    // tried where a run of address characters starts: a long run without `@` costs linear time.
    String.raw`(?<mail>(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24})`,
  ].join('|'),
  'giu',
);

/** Strips punctuation that ends the sentence rather than the address: `.` `,` `)` without `(` … */
function trimAddress(raw: string): string {
  let s = raw;
  for (;;) {
    const last = s.at(-1);
    if (last === undefined) return s;
    if ('.,;:!?\'"’”'.includes(last)) { s = s.slice(0, -1); continue; }
    if (last === ')' && (s.match(/\(/gu)?.length ?? 0) < (s.match(/\)/gu)?.length ?? 0)) { s = s.slice(0, -1); continue; }
    if (last === ']' && (s.match(/\[/gu)?.length ?? 0) < (s.match(/\]/gu)?.length ?? 0)) { s = s.slice(0, -1); continue; }
    return s;
  }
}

function pushText(out: RawToken[], text: string, line: number): void {
  if (text === '') return;
  const prev = out.at(-1);
  if (prev?.type === 'text' && prev.marks === undefined) prev.text += text;
  else out.push({ type: 'text', text, line });
}

/**
 * Tokenises running text. `notes` says whether note calls are recognised (not inside note texts,
 * where `[3]` is just text).
 */
export function tokenize(text: string, line: number, notes: boolean): RawToken[] {
  const out: RawToken[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const g = m.groups!;
    if ((g.fn !== undefined || g.src !== undefined) && !notes) continue;
    pushText(out, text.slice(last, m.index), line);
    if (g.fn !== undefined) {
      out.push({ type: 'footnoteCall', number: Number(g.fn), raw: m[0], line });
      last = m.index + m[0].length;
    } else if (g.src !== undefined) {
      out.push({ type: 'sourceCall', number: Number(g.src), raw: m[0], line });
      last = m.index + m[0].length;
    } else {
      const address = trimAddress(m[0]);
      const isMail = g.mail !== undefined;
      const href = isMail ? `mailto:${address}` : /^https?:/iu.test(address) ? address : `https://${address}`;
      out.push({ type: 'link', href, text: address, line });
      last = m.index + address.length;
      TOKEN.lastIndex = last;
    }
  }
  pushText(out, text.slice(last), line);
  return out;
}

/** Inline content without note calls (note texts, letterhead lines). */
export function plainInlines(text: string, line: number): Inline[] {
  return tokenize(text, line, false) as Inline[];
}
