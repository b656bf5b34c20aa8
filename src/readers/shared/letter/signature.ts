/**
 * The end of the letter: closing (`Hoogachtend,`), then one or more signatories — a function line
 * ending in a comma, blank signature space, the name.
 */
import { isBlankLine, nextNonBlank, type SourceLine } from './source-line.js';
import { CLOSING } from '../vocabulary.js';

export interface SignatureSpan {
  /** Index of the closing line, if any. */
  closing?: number;
  signatories: Array<{ functionLines: number[]; name?: number }>;
  /** First index that belongs to the closing or signature. */
  start: number;
  /** First index after the last signatory. */
  end: number;
}

/** Past the end is not blank: counting the signature space stops at the last line. */
const blank = (l: SourceLine | undefined): boolean => l !== undefined && isBlankLine(l);

function nameLike(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && t.split(/\s+/u).length <= 8 && !/[,;:!?]$/u.test(t) && !/\.$/u.test(t.replace(/\b[\p{L}]{1,4}\.$/u, ''));
}

/** A function line: ends in a comma, then blank signature space (≥ 2 blank lines, or ≥ 1 after a closing), then a name. */
function signatoryAt(lines: readonly SourceLine[], k: number, afterClosing: boolean): { name?: number } | undefined {
  const t = lines[k]!.text.trim();
  if (!t.endsWith(',') || t.length > 120) return undefined;
  let blanks = 0;
  while (blank(lines[k + 1 + blanks])) blanks++;
  const m = k + 1 + blanks;
  if (blanks < (afterClosing ? 1 : 2)) return undefined;
  if (m >= lines.length) return afterClosing ? {} : undefined;
  return nameLike(lines[m]!.text) ? { name: m } : afterClosing ? {} : undefined;
}

/** Finds the closing and the signatories in the letter body (`lines` start after the salutation). */
export function findSignature(lines: readonly SourceLine[]): SignatureSpan | undefined {
  const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const isClosing = (i: number): boolean => CLOSING.test(lines[i]!.text.trim()) && lines[i]!.text.trim().length <= 60;
  for (let k = 0; k < lines.length; k++) {
    if (blank(lines[k]) || !lines[k]!.text.trim().endsWith(',')) continue;
    let g = k;
    while (g > 0 && !blank(lines[g - 1])) g--;
    let closing: number | undefined;
    let fnStart = g;
    let fnEnd = k;
    if (g === k && isClosing(k)) {
      // `Hoogachtend,` alone: the function lines are the next group, or the name follows directly.
      closing = k;
      fnStart = nextNonBlank(lines, k + 1);
      fnEnd = fnStart;
      while (fnEnd < lines.length && fnEnd - fnStart < 3 && !blank(lines[fnEnd]) && !lines[fnEnd]!.text.trim().endsWith(',')) fnEnd++;
      if (fnEnd >= lines.length || !lines[fnEnd]!.text.trim().endsWith(',')) {
        if (fnStart < lines.length && nameLike(lines[fnStart]!.text)) {
          return { closing, start: closing, end: fnStart + 1, signatories: [{ functionLines: [], name: fnStart }] };
        }
        continue;
      }
    } else if (isClosing(g)) {
      closing = g;
      fnStart = g + 1;
    } else {
      let p = g - 1;
      while (p >= 0 && blank(lines[p])) p--;
      if (p >= 0 && isClosing(p) && (p === 0 || blank(lines[p - 1]))) closing = p;
    }
    const sig = signatoryAt(lines, fnEnd, closing !== undefined);
    if (!sig) continue;
    const span: SignatureSpan = { start: closing ?? fnStart, end: (sig.name ?? fnEnd) + 1, signatories: [] };
    if (closing !== undefined) span.closing = closing;
    span.signatories.push({ functionLines: range(fnStart, fnEnd), ...(sig.name !== undefined ? { name: sig.name } : {}) });
    // Co-signatories (`mede namens …`): the same shape again right after the name.
    for (;;) {
      const s = nextNonBlank(lines, span.end);
      let e = s;
      while (e < lines.length && !blank(lines[e]) && !lines[e]!.text.trim().endsWith(',') && e - s < 3) e++;
      if (e >= lines.length || blank(lines[e]) || !lines[e]!.text.trim().endsWith(',')) break;
      const more = signatoryAt(lines, e, false);
      if (more?.name === undefined) break;
      span.signatories.push({ functionLines: range(s, e), name: more.name });
      span.end = more.name + 1;
    }
    return span;
  }
  return undefined;
}
