/**
 * A Word paragraph's inline content and the text the structure rules read are kept in step: the
 * text is the tokens' projection (note calls as the text export writes them, a line break as a
 * space), so a range the rules find in the text (the part after a list marker, a trimmed line, a
 * TAB-separated cell) is cut from the content at the same offsets.
 */
import type { RichToken } from './source-line.js';

/** What a token contributes to the line's text. */
export function tokenText(t: RichToken): string {
  switch (t.type) {
    case 'text':
    case 'link':
      return t.text;
    case 'break':
      return ' ';
    default:
      return t.raw;
  }
}

export function projectTokens(tokens: readonly RichToken[]): string {
  return tokens.map(tokenText).join('');
}

/**
 * The tokens covering `[from, to)` of the projection. Text is cut at the offsets; a link, a break
 * or a note call is kept whole when it starts inside the range.
 */
export function sliceTokens(tokens: readonly RichToken[], from: number, to: number): RichToken[] {
  const out: RichToken[] = [];
  let at = 0;
  for (const t of tokens) {
    const text = tokenText(t);
    const start = at;
    const end = at + text.length;
    at = end;
    if (end <= from || start >= to) continue;
    if (t.type === 'text') {
      const cut = text.slice(Math.max(0, from - start), Math.min(text.length, to - start));
      if (cut !== '') out.push({ ...t, text: cut });
    } else if (start >= from) {
      out.push(t.type === 'break' ? { ...t } : { ...t });
    }
  }
  return out;
}
