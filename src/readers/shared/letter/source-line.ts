/**
 * The unit the letter-structure rules work on: one line of the text export, or one Word paragraph
 * projected onto the line the text export would write for it. The rules (letterhead, headings,
 * lists, signature, annex) read `text`; a Word paragraph also carries `rich`: what Word keeps and
 * the text export loses (marks, hyperlinks, real notes, heading styles, list numbering, tables,
 * pictures). Content is taken from `rich` when it is there, so one set of rules serves both readers.
 */
import type { ImageData, ListStyle, Mark } from '../../../model/ast.js';
import type { Dropped } from '../characters.js';
import type { RawToken } from '../inline-tokens.js';

export interface SourceLine {
  /** 1-based line number (text export) or body paragraph number (Word). */
  n: number;
  /** The line without its line end and without trailing whitespace; leading whitespace kept (list nesting). */
  text: string;
  /** Characters no publication may hold, taken out of `text` (the parser warns about them). */
  dropped?: Dropped;
  /** What a Word paragraph holds beyond its text; absent for the text export. */
  rich?: RichLine;
}

/** Inline content of a Word paragraph: running text with marks, links, breaks and note calls. */
export type RichToken = RawToken;

/** A paragraph's place in a Word list: its numbering resolved as Word shows it. */
export interface ListMembership {
  /** Which list the paragraph belongs to (Word's numbering instance): a change at level 0 starts a new list. */
  key: string;
  /** Nesting level, 0 = outermost (Word's `ilvl`). */
  level: number;
  ordered: boolean;
  style: ListStyle;
  suffix: '.' | ')' | '';
  /** The marker Word shows: `1.`, `a)`, `•`. */
  marker: string;
  /** The item's number (1 for bullets). */
  value: number;
}

export interface RichTableCell {
  header: boolean;
  scope?: 'col' | 'row';
  colSpan: number;
  rowSpan: number;
  /** The cell's paragraphs, each with its own content. */
  paragraphs: SourceLine[];
}

export interface RichTable {
  kind: 'table';
  headerRows: number;
  columns: number;
  rows: Array<{ n: number; cells: RichTableCell[] }>;
  /** A caption Word keeps with the table itself (its alternative-text title), used when no caption paragraph is next to it. */
  title?: string;
}

export interface RichImage {
  kind: 'image';
  alt: string;
  decorative: boolean;
  data?: ImageData;
}

export interface RichLine {
  /** Inline content; `text` is its projection (`projectTokens`). */
  tokens: RichToken[];
  /** Level of a Word heading style (1 = Heading 1): a heading whatever its shape. */
  headingLevel?: number;
  /** Membership of a Word numbered or bulleted list. */
  list?: ListMembership;
  /** A table or picture the line stands for (its text is only what the rules need to see). */
  block?: RichTable | RichImage;
  /** Pictures inside a paragraph of text: published after the paragraph. */
  images?: RichImage[];
  /** Every character is bold: a heading by the text rules even without a blank line above it. */
  allBold?: boolean;
  /**
   * A caption paragraph (Word's caption styles, or a SEQ field): belongs to the table or picture
   * next to it; `table`/`image` when its style or field says which.
   */
  caption?: 'table' | 'image' | 'any';
}

/** Marks of a text token, for callers that build tokens. */
export type { Mark };

/** A line with nothing but whitespace on it. */
export function isBlankLine(l: SourceLine): boolean {
  return l.text.trim() === '' && l.rich?.block === undefined;
}

/** Index of the first non-blank line at or after `i`; `lines.length` when there is none. */
export function nextNonBlank(lines: readonly SourceLine[], i: number): number {
  let j = i;
  while (j < lines.length && isBlankLine(lines[j]!)) j++;
  return j;
}

/** The `[start, end)` range of `text` without leading and trailing whitespace (as `String.trim`). */
export function trimmedRange(text: string, start = 0, end = text.length): [number, number] {
  const slice = text.slice(start, end);
  const s = start + (slice.length - slice.trimStart().length);
  const e = Math.max(s, start + slice.trimEnd().length);
  return [s, e];
}
