/**
 * Pagination with footnotes: body lines fill each page from its top; the notes first called on
 * a page sit at its foot, under a short rule. Every note starts on the page of its call; a short
 * note is never split, and only a long last note of a page may continue on the next one (its rest
 * is printed first in the next page's footnote area). A page ends before a line whose rule is `allow` (widows, orphans and
 * keeps mark the others `avoid`); when no such line fits, the page ends where the space runs out.
 */
import type { PageAnchor } from '../../../model/page-starts.js';
import type { FlowLine, NoteFlow } from './flow-types.js';

export interface PlacedFlowLine {
  line: FlowLine;
  /** Top of the line box, from the top of the page. */
  top: number;
}

export interface PageLayout {
  index: number;
  body: PlacedFlowLine[];
  /** Footnote lines, bottom-aligned to the foot of the text area. */
  foot: PlacedFlowLine[];
  /** Vertical centre of the footnote rule, when the page has notes. */
  ruleY?: number;
  start: PageAnchor;
}

export interface PaginateInput {
  lines: readonly FlowLine[];
  notes: readonly NoteFlow[];
  /** Notes that must be printed on page 1 (called in the letterhead). */
  firstPageNotes: readonly string[];
  firstPageTop: number;
  nextPagesTop: number;
  bottom: number;
  /** Space the footnote area needs above its first line: gap, rule and gap. */
  footOverhead: number;
  /** Where the rule sits above the first footnote line. */
  ruleOffset: number;
}

/** A note needs this many lines before it may break across pages (two on each side at least). */
const MIN_SPLIT_NOTE_LINES = 4;

/** Height of consecutive lines; the first line's gap is dropped (top of an area). */
function heightOf(lines: readonly FlowLine[]): number {
  let h = 0;
  lines.forEach((l, i) => (h += l.height + (i > 0 ? l.spaceBefore : 0)));
  return h;
}

export function paginate(input: PaginateInput): PageLayout[] {
  const { lines } = input;
  const noteLines = new Map(input.notes.map((n) => [n.note.id, n.lines]));
  const pages: PageLayout[] = [];
  let carry: FlowLine[] = [];
  let i = 0;

  while (i < lines.length || carry.length > 0) {
    const index = pages.length;
    const top = index === 0 ? input.firstPageTop : input.nextPagesTop;
    const avail = input.bottom - top;
    const forced = index === 0 ? [...input.firstPageNotes] : [];

    /** The least footnote space a page needs when `notes` are called on it. */
    const footMin = (notes: readonly string[]): number => {
      if (notes.length === 0) return carry.length === 0 ? 0 : input.footOverhead + heightOf(carry.slice(0, 1));
      const parts: FlowLine[] = [...carry];
      notes.forEach((id, n) => {
        const ls = noteLines.get(id) ?? [];
        // Only a long note may continue on the next page, and then with two lines or more here;
        // a short note stays whole on the page of its call (the body line moves instead).
        const splittable = n === notes.length - 1 && ls.length >= MIN_SPLIT_NOTE_LINES;
        parts.push(...(splittable ? ls.slice(0, 2) : ls));
      });
      return input.footOverhead + heightOf(parts);
    };

    // A table row that opens the page brings its table's header rows along (drawn as artifacts).
    const header = i < lines.length ? (lines[i]!.repeatHeader ?? []) : [];
    // Longest run of lines that fits, up to the next forced break.
    let k = i;
    let bodyH = heightOf(header);
    const notes = [...forced];
    while (k < lines.length) {
      const line = lines[k]!;
      if (k > i && line.breakBefore === 'force') break;
      const h = line.height + (k > i ? line.spaceBefore : 0);
      const tryNotes = [...notes, ...line.notes];
      if (bodyH + h + footMin(tryNotes) > avail + 0.001) break;
      bodyH += h;
      notes.push(...line.notes);
      k++;
    }

    // End the page at the last allowed break within the run.
    let end = k;
    const atForcedBreak = k < lines.length && k > i && lines[k]!.breakBefore === 'force';
    if (k < lines.length && !atForcedBreak) {
      let b = k;
      while (b > i && lines[b]!.breakBefore !== 'allow') b--;
      end = b > i ? b : k;
    }
    // Always make progress, but on a fresh page: when page 1's letterhead leaves no room for the
    // first line, page 1 holds the letterhead alone.
    const roomless = index === 0 && input.firstPageTop > input.nextPagesTop;
    if (end === i && carry.length === 0 && i < lines.length && !roomless) end = i + 1;

    const body: PlacedFlowLine[] = [];
    let y = top;
    const placed = end > i ? [...header, ...lines.slice(i, end)] : [];
    placed.forEach((line, n) => {
      if (n > 0) y += line.spaceBefore;
      body.push({ line, top: y });
      y += line.height;
    });

    // Footnotes: what was carried over, then the notes called on this page, as far as they fit.
    const called: string[] = [...forced];
    for (let j = i; j < end; j++) called.push(...lines[j]!.notes);
    const footQueue: FlowLine[] = [...carry];
    for (const id of called) footQueue.push(...(noteLines.get(id) ?? []));
    const footSpace = input.bottom - y - input.footOverhead;
    let taken = 0;
    let used = 0;
    while (taken < footQueue.length) {
      const line = footQueue[taken]!;
      const h = line.height + (taken > 0 ? line.spaceBefore : 0);
      if (used + h > footSpace + 0.001 && !(taken === 0 && body.length === 0)) break;
      used += h;
      taken++;
    }
    const footLines = footQueue.slice(0, taken);
    carry = footQueue.slice(taken);

    const foot: PlacedFlowLine[] = [];
    let ruleY: number | undefined;
    if (footLines.length > 0) {
      let fy = input.bottom - heightOf(footLines);
      ruleY = fy - input.ruleOffset;
      footLines.forEach((line, n) => {
        if (n > 0) fy += line.spaceBefore;
        foot.push({ line, top: fy });
        fy += line.height;
      });
    }

    // Reference fields that flowed onto this page precede it: the page starts at its first body line.
    const first = body.find((b) => !b.line.artifact && !b.line.letterhead)?.line.start;
    pages.push({
      index,
      body,
      foot,
      ...(ruleY !== undefined ? { ruleY } : {}),
      // A page of reference fields alone (a letterhead longer than a page) counts as the letter's start.
      start: index === 0 ? { kind: 'letter' } : (first ?? (body.some((b) => b.line.letterhead) ? { kind: 'letter' } : { kind: 'notes' })),
    });
    i = end;
    if (pages.length > 10_000) throw new Error('PDF: pagination does not terminate (a line taller than the page?)');
  }
  if (pages.length === 0) pages.push({ index: 0, body: [], foot: [], start: { kind: 'letter' } });
  return pages;
}
