/**
 * Word footnotes in the plain-text export: the call `[footnoteRef:N]` in the running text and the
 * note text `[N:  text]` that Word appends to the end of the same paragraph line.
 */
import type { DiagnosticSink } from '../shared/diagnostics.js';

export interface FootnoteDefinition {
  number: number;
  /** The note text, trimmed. */
  text: string;
  line: number;
}

/** A line split into its running text and the footnote texts Word appended to it. */
export interface SplitLine {
  body: string;
  definitions: FootnoteDefinition[];
}

const REF_OPEN = '[footnoteRef:';
const REF_MARKER = /\[footnoteRef:\s*(\d+)\s*\]/gu;
const DEF_START = /\[(\d+):[ \u00a0]/gu;

/** Validates every `[footnoteRef:` marker on the line; returns the end offset of the last one. */
function checkRefMarkers(text: string, line: number, sink: DiagnosticSink): number {
  let end = 0;
  let at = text.indexOf(REF_OPEN);
  while (at >= 0) {
    const close = text.indexOf(']', at);
    const nextOpen = text.indexOf('[', at + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      sink.fail(line, 'unterminated-footnote-ref',
        `unterminated footnote marker "${text.slice(at, at + 20)}…" in column ${at + 1}: expected "[footnoteRef:N]"`);
    }
    if (!/^\[footnoteRef:\s*\d+\s*\]$/u.test(text.slice(at, close + 1))) {
      sink.fail(line, 'malformed-footnote-ref',
        `malformed footnote marker "${text.slice(at, close + 1)}" in column ${at + 1}: expected "[footnoteRef:N]" with a number`);
    }
    end = close + 1;
    at = text.indexOf(REF_OPEN, close);
  }
  return end;
}

/** Parses `[N:  text]` blocks from `start` to the end of the line, or returns undefined. */
function definitionsFrom(text: string, start: number, line: number): FootnoteDefinition[] | 'unterminated' | undefined {
  const defs: FootnoteDefinition[] = [];
  let i = start;
  while (i < text.length) {
    const head = /^\[(\d+):/u.exec(text.slice(i));
    if (!head) return undefined;
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '[') depth++;
      else if (c === ']' && --depth === 0) break;
    }
    if (j >= text.length) return 'unterminated';
    defs.push({ number: Number(head[1]), text: text.slice(i + head[0].length, j).trim(), line });
    i = j + 1;
    while (i < text.length && /[\s\u00a0]/u.test(text[i]!)) i++;
  }
  return defs;
}

/**
 * Separates the footnote texts Word writes at the end of a paragraph line (`[1:  text]  [2:  text]`)
 * from the running text. Fails on an unterminated or malformed `[footnoteRef:` marker, and on a
 * note text whose closing bracket is missing.
 */
export function splitFootnoteDefinitions(text: string, line: number, sink: DiagnosticSink): SplitLine {
  const afterRefs = checkRefMarkers(text, line, sink);
  const called = new Set([...text.matchAll(REF_MARKER)].map((m) => Number(m[1])));
  DEF_START.lastIndex = afterRefs;
  for (let m = DEF_START.exec(text); m; m = DEF_START.exec(text)) {
    const defs = definitionsFrom(text, m.index, line);
    if (defs === 'unterminated') {
      if (called.has(Number(m[1]))) {
        sink.fail(line, 'unterminated-footnote-text',
          `footnote text "[${m[1]}:" in column ${m.index + 1} has no closing "]"`);
      }
      continue;
    }
    if (defs) return { body: text.slice(0, m.index).replace(/[\s\u00a0]+$/u, ''), definitions: defs };
  }
  return { body: text, definitions: [] };
}
