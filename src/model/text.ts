/** Plain-text views of the document model, shared by renderers, checkers and tests. */
import type { Block, Inline, List, ListItem, Letter, Note, QaPart, Signatory } from './ast.js';

/** The text a reader sees for a run of inlines: text, link text and note labels, nothing added. */
export function inlineText(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) {
    out += node.type === 'noteRef' ? node.label : node.text;
  }
  return out;
}

function listText(list: List): string {
  return list.items
    .map((item) => (item.children ? `${inlineText(item.content)}\n${listText(item.children)}` : inlineText(item.content)))
    .join('\n');
}

/**
 * Every item of a list, nested items depth-first right after their parent item (the order of
 * `listText`), with where its text starts in `blockText(list)` and how long it is. The PDF reports
 * page starts inside a list in these units and the EPUB finds the item a page starts in by them.
 */
export function listItemOffsets(list: List): Array<{ item: ListItem; indices: number[]; start: number; length: number }> {
  const out: Array<{ item: ListItem; indices: number[]; start: number; length: number }> = [];
  let pos = 0;
  const walk = (items: readonly ListItem[], prefix: number[]): void => {
    items.forEach((item, i) => {
      const length = inlineText(item.content).length;
      out.push({ item, indices: [...prefix, i], start: pos, length });
      pos += length + 1; // the `\n` after the item's text (before its sub-list or the next item)
      if (item.children) walk(item.children.items, [...prefix, i]);
    });
  };
  walk(list.items, []);
  return out;
}

/**
 * The plain text of a block, the unit that `PageStart.offset` counts in: paragraphs and headings
 * are their inline text; a list is its items' text joined by `\n` (markers excluded); a
 * question/answer part is its label followed by `\n` and its blocks joined by `\n`.
 */
export function blockText(block: Block | QaPart): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'list':
      return listText(block);
    case 'image':
      return block.alt;
    case 'question':
    case 'answer':
      return [block.label, ...block.content.map(blockText)].join('\n');
  }
}

/** A signatory's text in `PageStart.offset` units: function lines, then the name, joined by `\n`. */
export function signatoryText(s: Signatory): string {
  return [...s.functionLines.map((l) => l.text), ...(s.name ? [s.name.text] : [])].join('\n');
}

export function noteText(note: Note): string {
  return inlineText(note.content);
}

/** Every text line of the letter in reading order, for word-order tests and checks. */
export function letterWords(letter: Letter): string[] {
  const parts: string[] = [];
  if (letter.returnAddress) parts.push(letter.returnAddress.text);
  parts.push(...letter.addressee.map((l) => l.text), letter.date.text, letter.subject.text);
  parts.push(letter.sender.organisation.text, ...letter.sender.units.map((l) => l.text));
  parts.push(...letter.sender.address.map((l) => l.text));
  for (const f of letter.fields) parts.push(f.label, ...f.values.map((v) => v.text));
  if (letter.salutation) parts.push(blockText(letter.salutation));
  parts.push(...letter.body.map(blockText));
  if (letter.closing) parts.push(blockText(letter.closing));
  parts.push(...letter.signatories.map(signatoryText));
  if (letter.annex) {
    if (letter.annex.title) parts.push(blockText(letter.annex.title));
    parts.push(...letter.annex.intro.map(blockText), ...letter.annex.parts.map(blockText));
  }
  parts.push(...letter.notes.map(noteText));
  return splitWords(parts.join('\n'));
}

/** Words as a checker compares them: split on any whitespace (including U+00A0). */
export function splitWords(text: string): string[] {
  return text.split(/[\s\u00a0]+/u).filter((w) => w.length > 0);
}

/** The source line of the first text in the letter that contains `needle` (for diagnostics). */
export function sourceLineOf(letter: Letter, needle: string): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(visit); return; }
    const o = node as Record<string, unknown>;
    const text = typeof o.text === 'string' ? o.text : typeof o.alt === 'string' ? o.alt : undefined;
    if (text?.includes(needle) && typeof o.line === 'number') { found = o.line; return; }
    for (const [key, value] of Object.entries(o)) if (key !== 'source') visit(value);
  };
  visit(letter);
  return found;
}
