/**
 * Puts a Word letter's letterhead in the order of the text export, wherever the template keeps
 * it: body paragraphs, a Datum/Betreft table, text boxes, frames, the header of page 1. The text
 * export writes page 1's boxes first, in the order addressee, Datum and date, Betreft and subject,
 * sender block and reference fields, logo; the letter rules (`shared/letter/letterhead.ts`) expect
 * exactly that. Everything before the salutation is cut into pieces (one per box, table, frame,
 * picture, or run of paragraphs), each piece into the parts before, at and after Datum/Betreft,
 * and the parts are laid out by role. Text boxes anchored further on stay where they are anchored.
 */
import { SALUTATION, DATE_LABEL, DATE_LINE, SUBJECT_LABEL, SUBJECT_LINE, knownFieldKind, RETURN_ADDRESS } from '../shared/vocabulary.js';
import { isBlankLine, nextNonBlank, type SourceLine } from '../shared/letter/source-line.js';
import type { Body, Unit } from './body.js';
import type { HeaderPiece } from './headers.js';
import type { BoxFacts } from './prepare-document.js';

interface Piece {
  lines: SourceLine[];
  /** A text box set in the reference column. */
  right: boolean;
  logo: boolean;
}

type Role = 'addressee' | 'dateSubject' | 'reference';

const blank = (n: number): SourceLine => ({ n, text: '' });

/** A table's paragraphs as lines, a blank line after each row (a row is a label and its value). */
function unitLines(u: Unit): SourceLine[] {
  const table = u.line.rich?.block?.kind === 'table' ? u.line.rich.block : undefined;
  if (!table) return [u.line];
  return table.rows.flatMap((r) => [...r.cells.flatMap((c) => c.paragraphs), blank(r.n)]);
}

function isLabelLine(text: string): boolean {
  const t = text.trim();
  return (DATE_LABEL.test(t) && DATE_LINE.test(t)) || SUBJECT_LINE.test(t);
}

/**
 * Word letters often separate the reference fields by paragraph spacing, not empty paragraphs:
 * a known field label starts a new group, as an empty paragraph before it would.
 */
function separateFields(lines: readonly SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    if (prev && !isBlankLine(prev) && knownFieldKind(l.text) !== undefined) out.push(blank(l.n));
    out.push(l);
  }
  return out;
}

/** The parts of a piece: before Datum/Betreft, Datum to the subject, and after it. */
function split(lines: readonly SourceLine[]): { before: SourceLine[]; at: SourceLine[]; after: SourceLine[] } | undefined {
  const d = lines.findIndex((l) => isLabelLine(l.text));
  if (d < 0) return undefined;
  const s = lines.findIndex((l, i) => i >= d && SUBJECT_LINE.test(l.text.trim()));
  let end: number;
  if (s >= 0) {
    const inline = (SUBJECT_LABEL.exec(lines[s]!.text.trim())?.[1] ?? '').trim();
    // In Word the subject is one paragraph: the one after the label, unless it is on the label's line.
    end = inline !== '' ? s + 1 : Math.min(lines.length, nextNonBlank(lines, s + 1) + 1);
  } else {
    const inline = (DATE_LABEL.exec(lines[d]!.text.trim())?.[1] ?? '').trim();
    end = inline !== '' ? d + 1 : Math.min(lines.length, nextNonBlank(lines, d + 1) + 1);
  }
  return { before: lines.slice(0, d), at: lines.slice(d, end), after: lines.slice(end) };
}

/** The salutation: the first paragraph of the flow that opens the letter text. */
function salutationAt(flow: readonly Unit[]): number {
  return flow.findIndex((u) => !u.line.rich?.block && SALUTATION.test(u.line.text.trim()));
}

export function orderLetter(body: Body, boxes: readonly BoxFacts[], header: readonly HeaderPiece[]): SourceLine[] {
  const { flow } = body;
  let cut = salutationAt(flow);
  if (cut < 0) {
    // No salutation: the text starts after the logo, as in the text export; without one, the
    // letterhead is only what sits outside the flow (boxes, frames, header).
    const logo = flow.findIndex((u) => u.line.rich?.block?.kind === 'image');
    cut = logo >= 0 ? logo + 1 : 0;
  }
  const headBlocks = new Set(flow.slice(0, cut).map((u) => u.facts.block));
  const boxLines = (b: BoxFacts): SourceLine[] => (body.boxes.get(b.index) ?? []).flatMap(unitLines);

  const pieces: Piece[] = [];
  // The header of page 1 is on top of the page. Only what the letterhead needs is taken from it:
  // its pictures (the logo) and text with letterhead labels, or a box in the reference column.
  for (const h of header) {
    const lines = h.lines.map((text): SourceLine => ({ n: 1, text }));
    const useful = h.right || lines.some((l) => isLabelLine(l.text) || knownFieldKind(l.text) !== undefined);
    if (useful) pieces.push({ lines, right: h.right, logo: false });
    for (const p of h.pictures) pieces.push({ lines: [{ n: 1, text: `[image: ${p.decorative ? '' : p.alt.trim()}]` }], right: false, logo: true });
  }
  let run: SourceLine[] = [];
  let frame: { key: string; lines: SourceLine[] } | undefined;
  const flushRun = (): void => { if (run.some((l) => !isBlankLine(l))) pieces.push({ lines: run, right: false, logo: false }); run = []; };
  const flushFrame = (): void => { if (frame) pieces.push({ lines: frame.lines, right: false, logo: false }); frame = undefined; };
  for (const u of flow.slice(0, cut)) {
    const block = u.line.rich?.block;
    if (u.facts.frame !== undefined) {
      flushRun();
      if (frame && frame.key !== u.facts.frame) flushFrame();
      frame ??= { key: u.facts.frame, lines: [] };
      frame.lines.push(u.line);
    } else {
      flushFrame();
      if (block?.kind === 'table') { flushRun(); pieces.push({ lines: unitLines(u), right: false, logo: false }); }
      else if (block?.kind === 'image') { flushRun(); pieces.push({ lines: [u.line], right: false, logo: true }); }
      else run.push(u.line);
    }
    // The boxes anchored in this paragraph, after it.
    for (const b of boxes) {
      if (b.block !== u.facts.block || !headBlocks.has(b.block)) continue;
      flushRun();
      pieces.push({ lines: boxLines(b), right: b.right, logo: false });
    }
  }
  flushRun();
  flushFrame();

  // Each piece into its roles.
  const parts: Record<Role, SourceLine[][]> = { addressee: [], dateSubject: [], reference: [] };
  const logos: SourceLine[] = [];
  let seenDate = false;
  for (const p of pieces) {
    if (p.logo) { logos.push(...p.lines); continue; }
    const s = split(p.lines);
    if (s) {
      if (s.before.some((l) => !isBlankLine(l))) parts.addressee.push(s.before);
      parts.dateSubject.push(s.at);
      if (s.after.some((l) => !isBlankLine(l))) parts.reference.push(s.after);
      seenDate = true;
      continue;
    }
    const hasField = p.lines.some((l) => knownFieldKind(l.text) !== undefined);
    const isReturn = p.lines.some((l) => RETURN_ADDRESS.test(l.text));
    parts[!isReturn && (hasField || p.right || seenDate) ? 'reference' : 'addressee'].push(p.lines);
  }
  // A return address goes before the addressee, as on the envelope window.
  parts.addressee.sort((a, b) => Number(b.some((l) => RETURN_ADDRESS.test(l.text))) - Number(a.some((l) => RETURN_ADDRESS.test(l.text))));

  const out: SourceLine[] = [];
  const n0 = flow[0]?.line.n ?? 1;
  const add = (lines: readonly SourceLine[]): void => { out.push(...lines, blank(lines.at(-1)?.n ?? n0)); };
  for (const a of parts.addressee) add(a);
  for (const d of parts.dateSubject) add(d);
  for (const r of parts.reference) add(separateFields(r));
  for (const l of logos) add([l]);

  // The letter text, with the boxes anchored in it where they are anchored.
  for (const u of flow.slice(cut)) {
    out.push(u.line);
    // A table or a picture stands apart from the paragraph after it, as if an empty paragraph
    // followed (a closing right under a table is still a closing).
    if (u.line.rich?.block) out.push(blank(u.line.n));
    for (const b of boxes) if (b.block === u.facts.block && !headBlocks.has(b.block)) out.push(...boxLines(b));
  }
  // Boxes whose anchor is neither (a header-less oddity): at the end, not lost.
  const placed = new Set(flow.map((u) => u.facts.block));
  for (const b of boxes) if (!placed.has(b.block)) out.push(...boxLines(b));
  return out;
}
