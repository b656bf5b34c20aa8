/**
 * One typed walk over a letter in reading order, so no module hand-rolls its own (or walks the
 * tree by reflection). Order: letterhead lines, salutation, body, closing, signatories, the annex
 * (title, intro, questions and answers), then the notes.
 */
import type { Block, Inline, Letter, List, Note, QaAnnex, QaPart, Signatory, TextLine } from './ast.js';

/** Everything with a block id: what page starts, anchors and diagnostics point at. */
export type IdNode = Block | QaPart | QaAnnex | Signatory;

export interface Visitor {
  /** A node with an id, before its content. */
  node?(node: IdNode): void;
  /** Inline content of running text, a text line or a note, with the node it belongs to. */
  inline?(inline: Inline, owner: IdNode | TextLine | Note): void;
  /** A line of the letterhead or a signature. */
  textLine?(line: TextLine): void;
  note?(note: Note): void;
}

export interface WalkOptions {
  /** Walk the notes after the text (default true). */
  notes?: boolean;
  /** Walk the letterhead lines (default true). */
  letterhead?: boolean;
}

function inlines(v: Visitor, content: readonly Inline[], owner: IdNode | TextLine | Note): void {
  if (v.inline) for (const i of content) v.inline(i, owner);
}

function line(v: Visitor, l: TextLine): void {
  v.textLine?.(l);
  inlines(v, l.content, l);
}

function list(v: Visitor, node: List): void {
  const items = (l: List): void => {
    for (const item of l.items) {
      inlines(v, item.content, node);
      if (item.children) items(item.children);
    }
  };
  items(node);
}

export function walkBlocks(v: Visitor, blocks: readonly Block[]): void {
  for (const b of blocks) {
    v.node?.(b);
    if (b.type === 'list') list(v, b);
    else if (b.type === 'paragraph' || b.type === 'heading') inlines(v, b.content, b);
    else if (b.type === 'table') {
      if (b.caption) inlines(v, b.caption, b);
      for (const row of b.rows) for (const cell of row.cells) for (const p of cell.content) inlines(v, p, b);
    } else if (b.caption) inlines(v, b.caption, b);
  }
}

function part(v: Visitor, p: QaPart): void {
  v.node?.(p);
  walkBlocks(v, p.content);
}

function annex(v: Visitor, a: QaAnnex): void {
  v.node?.(a);
  if (a.title) walkBlocks(v, [a.title]);
  walkBlocks(v, a.intro);
  for (const p of a.parts) part(v, p);
}

export function walkLetter(letter: Letter, v: Visitor, options: WalkOptions = {}): void {
  if (options.letterhead ?? true) {
    if (letter.returnAddress) line(v, letter.returnAddress);
    for (const l of letter.addressee) line(v, l);
    line(v, { text: letter.date.text, line: letter.date.line, content: [{ type: 'text', text: letter.date.text, line: letter.date.line }] });
    line(v, letter.subject);
    for (const l of [letter.sender.organisation, ...letter.sender.units, ...letter.sender.address]) line(v, l);
    for (const f of letter.fields) {
      line(v, { text: f.label, line: f.line, content: [{ type: 'text', text: f.label, line: f.line }] });
      for (const value of f.values) line(v, value);
    }
  }
  if (letter.salutation) walkBlocks(v, [letter.salutation]);
  walkBlocks(v, letter.body);
  if (letter.closing) walkBlocks(v, [letter.closing]);
  for (const s of letter.signatories) {
    v.node?.(s);
    for (const l of [...s.functionLines, ...(s.name ? [s.name] : [])]) {
      v.textLine?.(l);
      inlines(v, l.content, s);
    }
  }
  if (letter.annex) annex(v, letter.annex);
  if (options.notes ?? true) {
    for (const n of letter.notes) {
      v.note?.(n);
      inlines(v, n.content, n);
    }
  }
}

/** Every node with an id, by id. */
export function nodesById(letter: Letter): Map<string, IdNode> {
  const out = new Map<string, IdNode>();
  walkLetter(letter, { node: (n) => out.set(n.id, n) }, { notes: false, letterhead: false });
  return out;
}
