/** The laid-out letter between line breaking and drawing: lines with their page-break rules. */
import type { Letter, LetterMetadata, Note } from '../../../model/ast.js';
import type { Theme } from '../../theme.js';
import type { PageAnchor } from '../../../model/page-starts.js';
import type { FontSet } from './fonts.js';
import type { PdfLayout, TextSpec } from './layout-config.js';
import type { Line } from './line-break.js';
import type { StructNode } from './tags.js';

/** A broken line placed in a column: `dx` from the column's left edge. */
export interface LinePart {
  dx: number;
  line: Line;
  /** Baseline below the flow line's top, when not the line's own (text in table cells). */
  dy?: number;
}

/** A rectangle relative to a flow line's top left (table cell borders): a layout artifact. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A picture drawn in a flow line: tagged as its Figure, or an artifact when decorative. */
export interface PictureDraw {
  bytes: Uint8Array;
  dx: number;
  width: number;
  height: number;
  /** The Figure element (its bounding box is recorded when drawn); absent: decorative. */
  figure?: StructNode;
}

export interface Anchor {
  /** A bookmark for a heading, nested by `level` (1 = the subject). */
  outline?: { title: string; level: number };
  /** A named destination (a note's id) pointing at this line. */
  dest?: string;
}

/**
 * `allow`: a page may end before this line. `avoid`: only when no allowed place exists
 * (widows/orphans, keep-with-next, keep-together). `force`: a page always ends before it.
 */
export type BreakRule = 'allow' | 'avoid' | 'force';

export interface FlowLine {
  parts: LinePart[];
  /** Line height (leading). */
  height: number;
  /** Baseline offset from the top of the line. */
  ascent: number;
  /** Vertical gap before the line; dropped at the top of a page. */
  spaceBefore: number;
  breakBefore: BreakRule;
  /** Notes whose first call is on this line: they must start on the same page. */
  notes: string[];
  /** What this line reports when it is the first body line of a page. */
  start?: PageAnchor;
  anchors: Anchor[];
  /** A thin bar left of the line (image descriptions), drawn as a layout artifact. */
  bar?: boolean;
  /** Cell borders. */
  boxes?: { boxes: Box[]; width: number; color: string };
  picture?: PictureDraw;
  /**
   * Lines to repeat at the top of a page this line starts (a table's header rows), drawn as
   * pagination artifacts: the tagged header is the one on the table's first page.
   */
  repeatHeader?: FlowLine[];
  /** Drawn as an artifact, not tagged (a repeated header). */
  artifact?: boolean;
  /** The letterhead's reference fields flowing before the body: never where a page of the letter starts. */
  letterhead?: boolean;
}

/** A line at a fixed place on a page (letterhead, reference column, running header). */
export interface PlacedLine {
  x: number;
  baseline: number;
  line: Line;
}

export interface NoteFlow {
  note: Note;
  lines: FlowLine[];
}

export interface FlowContext {
  letter: Letter;
  meta: LetterMetadata;
  theme: Theme;
  layout: PdfLayout;
  fonts: FontSet;
  /** The Document element. */
  root: StructNode;
  notes: NoteRegistry;
}

/**
 * Notes by id; which were called already (the first call decides on which page a note starts)
 * and which already have their element in the structure tree.
 */
export interface NoteRegistry {
  byId: Map<string, Note>;
  called: Set<string>;
  placed: Set<string>;
}

/** Baseline offset inside a line box of `leading` for text set in `spec`, with the regular face's metrics. */
export function ascentIn(ctx: FlowContext, spec: Pick<TextSpec, 'size' | 'leading'>): number {
  const face = ctx.fonts.face('regular');
  const contentHeight = ((face.ascent - face.descent) * spec.size) / 1000;
  return (spec.leading - contentHeight) / 2 + (face.ascent * spec.size) / 1000;
}
