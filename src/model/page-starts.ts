/**
 * Where each printed page begins, in terms of the document model: the contract between the PDF
 * layout (which reports one `PageStart` per page) and every other format that shows the print
 * pages (the EPUB page list). Both sides count offsets with the functions here, one per node kind,
 * so they can never disagree.
 *
 * An offset counts characters of a node's *unit text* (`unitText`): paragraphs and headings are
 * their inline text; a list is its items' text joined by `\n`, nested items right after their
 * parent (markers excluded); a signatory is its function lines then its name, joined by `\n`; a
 * question/answer part is its label, `\n`, then its blocks' unit texts joined by `\n`; an image is
 * its description; a table is its cells' paragraphs, row by row, joined by `\n` (the caption is not
 * counted: a page starts before a table or in a cell); the annex is the empty string (a page starts
 * before it, never inside). A line break counts as one character.
 */
import type { Block, Inline, List, ListItem, QaPart, Signatory, Table } from './ast.js';
import type { IdNode } from './visit.js';

/** What a page begins with. */
export type PageAnchor =
  /** The top of the letter (page 1: the letterhead). */
  | { kind: 'letter' }
  /** A node's unit text at `offset` (0: the page starts with the node itself). */
  | { kind: 'node'; id: string; offset: number }
  /** Nothing but the continuation of notes (cannot happen in the house styles, but must not break). */
  | { kind: 'notes' };

export interface PageStart {
  /** 1-based page number in the PDF; also the label of the EPUB page-list entry. */
  page: number;
  at: PageAnchor;
}

/** The text a reader sees for a run of inlines: text, link text and note labels, nothing added. */
export function inlineText(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) out += node.type === 'noteRef' ? node.label : node.type === 'break' ? '\n' : node.text;
  return out;
}

export interface CellOffset {
  row: number;
  cell: number;
  paragraph: number;
  start: number;
  length: number;
}

/** Every paragraph of every cell of a table, row by row, with where its text starts. */
export function tableOffsets(table: Table): CellOffset[] {
  const out: CellOffset[] = [];
  let pos = 0;
  table.rows.forEach((r, row) => r.cells.forEach((c, cell) => c.content.forEach((p, paragraph) => {
    const length = inlineText(p).length;
    out.push({ row, cell, paragraph, start: pos, length });
    pos += length + 1;
  })));
  return out;
}

export interface ItemOffset {
  item: ListItem;
  /** Indices from the top list down to the item (depth-first path). */
  indices: number[];
  start: number;
  length: number;
}

/** Every item of a list, nested items right after their parent, with where its text starts. */
export function listItemOffsets(list: List): ItemOffset[] {
  const out: ItemOffset[] = [];
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

/** A signatory's lines in order: function lines, then the name. */
export function signatoryLines(s: Signatory): string[] {
  return [...s.functionLines.map((l) => l.text), ...(s.name ? [s.name.text] : [])];
}

export function unitText(node: IdNode): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(node.content);
    case 'list':
      return listItemOffsets(node).map((it) => inlineText(it.item.content)).join('\n');
    case 'image':
      return node.alt;
    case 'table':
      return tableOffsets(node).map((c) => inlineText(node.rows[c.row]!.cells[c.cell]!.content[c.paragraph]!)).join('\n');
    case 'question':
    case 'answer':
      return [node.label, ...node.content.map(unitText)].join('\n');
    case 'signatory':
      return signatoryLines(node).join('\n');
    case 'annex':
      return '';
  }
}

/** Which run of inline text inside a node. */
export type RunPath =
  | { in: 'paragraph' }
  | { in: 'item'; indices: number[] }
  | { in: 'line'; line: number }
  | { in: 'cell'; row: number; cell: number; paragraph: number };

/**
 * Where an offset falls inside a node, as a writer of a reflowable format needs it: right before
 * an element (never inside a heading or label), or at a character of one run of text.
 */
export type Position =
  | { kind: 'before'; id: string }
  | { kind: 'text'; id: string; run: RunPath; offset: number };

function inBlock(block: Block, offset: number): Position {
  if (offset <= 0 || block.type === 'heading' || block.type === 'image') return { kind: 'before', id: block.id };
  if (block.type === 'paragraph') return { kind: 'text', id: block.id, run: { in: 'paragraph' }, offset };
  if (block.type === 'table') {
    const cells = tableOffsets(block);
    const c = [...cells].reverse().find((it) => it.start <= offset);
    if (!c) return { kind: 'before', id: block.id };
    return { kind: 'text', id: block.id, run: { in: 'cell', row: c.row, cell: c.cell, paragraph: c.paragraph }, offset: Math.min(offset - c.start, c.length) };
  }
  const items = listItemOffsets(block);
  const item = [...items].reverse().find((it) => it.start <= offset) ?? items[0];
  if (!item) return { kind: 'before', id: block.id };
  return { kind: 'text', id: block.id, run: { in: 'item', indices: item.indices }, offset: Math.min(offset - item.start, item.length) };
}

function inPart(part: QaPart, offset: number): Position {
  // A page starting in the label starts before the part: the label is its heading.
  let rest = offset - part.label.length - 1;
  if (rest < 0) return { kind: 'before', id: part.id };
  for (const block of part.content) {
    const length = unitText(block).length;
    if (rest < length || block === part.content.at(-1)) return inBlock(block, rest);
    rest -= length + 1;
  }
  return { kind: 'before', id: part.id };
}

function inSignatory(s: Signatory, offset: number): Position {
  const lines = signatoryLines(s);
  let rest = offset;
  for (let line = 0; line < lines.length; line++) {
    const length = lines[line]?.length ?? 0;
    if (rest <= 0) return line === 0 ? { kind: 'before', id: s.id } : { kind: 'text', id: s.id, run: { in: 'line', line }, offset: 0 };
    if (rest < length) return { kind: 'text', id: s.id, run: { in: 'line', line }, offset: rest };
    rest -= length + 1;
  }
  return { kind: 'before', id: s.id };
}

/** The position of an offset in a node's unit text. */
export function positionIn(node: IdNode, offset: number): Position {
  const at = Math.max(0, offset);
  switch (node.type) {
    case 'question':
    case 'answer':
      return inPart(node, at);
    case 'signatory':
      return inSignatory(node, at);
    case 'annex':
      return { kind: 'before', id: node.id };
    default:
      return inBlock(node, at);
  }
}
