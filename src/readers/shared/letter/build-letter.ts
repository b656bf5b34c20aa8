/**
 * Letter structure, whatever reader found the lines: `SourceLine`s → `Letter`. The stages, in order:
 *  1. note texts are taken out of the running text (the reader's own notation, `takeNotes`) and
 *     source definitions (`[N] text` after the letterhead) become notes;
 *  2. page furniture of the Word layout (`Pagina 1 van N` and its header line) is dropped;
 *  3. the letterhead (everything before the salutation) is parsed;
 *  4. body, closing, signature and the Q&A annex are parsed in reading order, so block ids and
 *     note-call ids follow the document.
 */
import type { Letter, Signatory } from '../../../model/ast.js';
import { finishLetter } from '../../../model/finish.js';
import type { ParseResult } from '../../types.js';
import { parseAnnex, qaLabel } from './annex.js';
import { paragraph, parseBlocks } from './blocks.js';
import { ParseContext } from './context.js';
import { warnDropped } from '../characters.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { parseLetterhead, textLine } from './letterhead.js';
import type { NoteRegistry } from '../notes.js';
import { LOGO, PAGE_FURNITURE, SOURCE_DEFINITION } from './patterns.js';
import { SALUTATION, SUBJECT_LINE } from '../vocabulary.js';
import { isBlankLine, type SourceLine } from './source-line.js';
import { findSignature } from './signature.js';

export interface LetterLines {
  file: string;
  /** The stem of every output file. */
  stem: string;
  sink: DiagnosticSink;
  /** The letter's notes; a reader whose notes are not in the running text defines them before this runs. */
  notes: NoteRegistry;
  lines: readonly SourceLine[];
  /** Takes the reader's own note notation out of a line and defines those notes; returns the text that is left. */
  takeNotes?: (line: SourceLine) => string;
}

/** Drops `Pagina X van Y` lines and the header line right above each (organisation or title). */
function dropPageFurniture(lines: readonly SourceLine[]): SourceLine[] {
  const drop = new Set<number>();
  lines.forEach((l, i) => {
    if (!PAGE_FURNITURE.test(l.text)) return;
    drop.add(i);
    const above = lines[i - 1];
    if (above && !isBlankLine(above) && above.text.trim().length <= 100 && !/[.,;:!?]$/u.test(above.text.trim())) drop.add(i - 1);
  });
  return lines.filter((_, i) => !drop.has(i));
}

export function buildLetter({ file, stem, sink, notes, lines: source, takeNotes }: LetterLines): ParseResult {
  for (const l of source) if (l.dropped) warnDropped(sink, l.n, l.dropped);
  const ctx = new ParseContext(sink, notes);

  const subjectAt = source.findIndex((l) => SUBJECT_LINE.test(l.text.trim()));
  // Stage 1: notes out of the running text.
  const lines: SourceLine[] = source.map((l, i) => {
    if (i > subjectAt && subjectAt >= 0) {
      const src = SOURCE_DEFINITION.exec(l.text.trim());
      if (src) {
        notes.define('source', { number: Number(src[1]), text: src[2]!.trim(), line: l.n });
        return { n: l.n, text: '' };
      }
    }
    if (!takeNotes) return l;
    return { ...l, text: takeNotes(l) };
  });

  // Stage 2 and 3: furniture, then the letterhead up to the salutation.
  const clean = dropPageFurniture(lines);
  const subjectIdx = clean.findIndex((l) => SUBJECT_LINE.test(l.text.trim()));
  let bodyStart = clean.findIndex((l, i) => i > subjectIdx && SALUTATION.test(l.text.trim()));
  const hasSalutation = bodyStart >= 0 && subjectIdx >= 0;
  if (!hasSalutation) {
    // No salutation: the letter text starts after the logo placeholder of page 1.
    const logoAt = clean.findIndex((l, i) => i > subjectIdx && LOGO.test(l.text));
    bodyStart = subjectIdx >= 0 && logoAt >= 0 ? logoAt + 1 : -1;
  }
  const headLines = bodyStart >= 0 ? clean.slice(0, bodyStart) : clean;
  const logoLine = headLines.find((l) => LOGO.test(l.text));
  const letterhead = parseLetterhead(headLines.filter((l) => !LOGO.test(l.text)), sink);
  if (bodyStart < 0) {
    sink.fail(clean[subjectIdx]?.n ?? 1, 'not-a-letter',
      'no letter structure found: cannot tell where the letter text starts (no salutation such as "Geachte voorzitter," and no logo placeholder "[image: …]" after the letterhead)');
  }
  if (!hasSalutation) sink.warn(clean[bodyStart]?.n ?? 1, 'no-salutation', 'no salutation ("Geachte …") found; the text after the logo is the body');
  const sender = letterhead.sender ?? sink.fail(letterhead.subject.line, 'no-sender', 'no sender block (organisation) after "Betreft"');

  // Stage 4: reading order.
  const rest = clean.slice(hasSalutation ? bodyStart + 1 : bodyStart);
  const salutation = hasSalutation ? paragraph(clean[bodyStart]!, ctx) : undefined;
  const signature = findSignature(rest);
  let bodyEnd = signature?.start ?? rest.length;
  let annexStart = signature?.end ?? rest.length;
  if (!signature) {
    sink.warn(rest.at(-1)?.n ?? 1, 'no-signature', 'no signature found (a function line ending in "," with the name below it)');
    // The annex starts at its first question label, recognised exactly as the annex parser does.
    const firstLabel = rest.findIndex((l) => qaLabel(l.text)?.type === 'question');
    if (firstLabel >= 0) { bodyEnd = firstLabel; annexStart = firstLabel; }
  }
  const body = parseBlocks(rest.slice(0, bodyEnd), ctx, { headings: true });
  const closing = signature?.closing !== undefined ? paragraph(rest[signature.closing]!, ctx) : undefined;
  const signatories: Signatory[] = (signature?.signatories ?? []).map((s) => {
    const fn = s.functionLines.map((i) => textLine(rest[i]!));
    return {
      type: 'signatory', id: ctx.nextId(), line: fn[0]?.line ?? rest[s.name ?? 0]!.n, functionLines: fn,
      ...(s.name !== undefined ? { name: textLine(rest[s.name]!) } : {}),
    };
  });
  const annexLines = rest.slice(annexStart);
  const annex = annexLines.some((l) => !isBlankLine(l)) ? parseAnnex(annexLines, ctx) : undefined;

  const letter: Letter = {
    type: 'letter',
    lang: 'nl',
    source: { path: file, stem },
    ...(letterhead.returnAddress ? { returnAddress: letterhead.returnAddress } : {}),
    addressee: letterhead.addressee,
    date: letterhead.date,
    subject: letterhead.subject,
    sender,
    fields: letterhead.fields,
    ...(logoLine ? { logo: { alt: LOGO.exec(logoLine.text)![1] ?? '', line: logoLine.n } } : {}),
    ...(salutation ? { salutation } : {}),
    body,
    ...(closing ? { closing } : {}),
    signatories,
    ...(annex ? { annex } : {}),
    notes: notes.notes(),
  };
  return { letter: finishLetter(letter), warnings: sink.warnings };
}
