/** Plain-text views of the document model, shared by writers, checkers and tests. */
import type { Letter, Note } from './ast.js';
import { inlineText, unitText } from './page-starts.js';
import { walkLetter } from './visit.js';

export { inlineText, unitText } from './page-starts.js';

export function noteText(note: Note): string {
  return inlineText(note.content);
}

/** Every text of the letter in reading order, split into words, for word-order tests and checks. */
export function letterWords(letter: Letter): string[] {
  const parts: string[] = [];
  walkLetter(letter, {
    textLine: (l) => parts.push(l.text),
    node: (n) => {
      // A part's unit text holds its blocks: they are visited on their own.
      if (n.type === 'question' || n.type === 'answer') parts.push(n.label);
      else if (n.type === 'table' || n.type === 'image') {
        // Captions are read with their table or image, before a table's cells and after an image.
        if (n.type === 'table' && n.caption) parts.push(inlineText(n.caption));
        parts.push(unitText(n));
        if (n.type === 'image' && n.caption) parts.push(inlineText(n.caption));
      } else if (n.type !== 'signatory' && n.type !== 'annex') parts.push(unitText(n));
    },
    note: (n) => parts.push(noteText(n)),
  });
  return splitWords(parts.join('\n'));
}

/** Words as a checker compares them: split on any whitespace (including U+00A0). */
export function splitWords(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter((w) => w.length > 0);
}

/** The source line of the first text in the letter that contains `needle` (for diagnostics). */
export function sourceLineOf(letter: Letter, needle: string): number | undefined {
  let found: number | undefined;
  walkLetter(letter, {
    textLine: (l) => { if (found === undefined && l.text.includes(needle)) found = l.line; },
    node: (n) => { if (found === undefined && n.type === 'image' && n.alt.includes(needle)) found = n.line; },
    inline: (i) => { if (found === undefined && (i.type === 'text' || i.type === 'link') && i.text.includes(needle)) found = i.line; },
  });
  return found;
}
