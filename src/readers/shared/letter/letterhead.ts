/**
 * Page 1's text boxes: addressee, Datum, Betreft, sender block and the labelled fields of the
 * reference column. The logo placeholder and the running header are taken out before this runs.
 */
import type { Field, LetterDate, Sender, TextLine } from '../../../model/ast.js';
import { parseDutchDate } from '../dutch-date.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { plainInlines } from '../inline-tokens.js';
import {
  DATE_LABEL, DATE_LINE, RETURN_ADDRESS, SUBJECT_LABEL, SUBJECT_LINE, knownFieldKind, looksLikeAddress, looksLikeLabel,
} from '../vocabulary.js';
import type { SourceLine } from './source-line.js';

export interface Letterhead {
  returnAddress?: TextLine;
  addressee: TextLine[];
  date: LetterDate;
  subject: TextLine;
  sender?: Sender;
  fields: Field[];
}

export function textLine(l: SourceLine): TextLine {
  const text = l.text.trim();
  return { text, line: l.n, content: plainInlines(text, l.n) };
}

/** Splits lines into groups separated by blank lines. */
function groups(lines: readonly SourceLine[]): SourceLine[][] {
  const out: SourceLine[][] = [];
  let current: SourceLine[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') {
      if (current.length) out.push(current);
      current = [];
    } else current.push(l);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The value of a `Datum`/`Betreft` label: the rest of the label's own line and/or the lines after
 * it, up to a blank line or the next label (a long Betreft wraps onto a second line).
 */
function labelValue(lines: readonly SourceLine[], at: number, inline: string, stopAt: RegExp[]): { lines: SourceLine[]; next: number } {
  const label = lines[at]!;
  const out: SourceLine[] = inline.trim() !== '' ? [{ n: label.n, text: inline.trim() }] : [];
  let i = at + 1;
  while (i < lines.length && lines[i]!.text.trim() !== '' && !stopAt.some((re) => re.test(lines[i]!.text.trim()))) {
    out.push(lines[i]!);
    i++;
  }
  return { lines: out, next: i };
}

function joinLines(ls: readonly SourceLine[], fallbackLine: number): TextLine {
  const text = ls.map((l) => l.text.trim()).join(' ');
  const line = ls[0]?.n ?? fallbackLine;
  return { text, line, content: plainInlines(text, line) };
}

/** Sender block and fields from the groups after Betreft. */
function senderAndFields(rest: readonly SourceLine[]): { sender?: Sender; fields: Field[] } {
  const fields: Field[] = [];
  let sender: Sender | undefined;
  const startField = (l: SourceLine): Field => {
    const label = l.text.trim();
    const field: Field = { label, kind: knownFieldKind(label) ?? 'other', values: [], line: l.n };
    fields.push(field);
    return field;
  };
  for (const group of groups(rest)) {
    const first = group[0]!.text.trim();
    // An unknown ministry's label is a short label-like line with values; before the first field,
    // its first value must not look like an address (`Directie X` above `Rijnstraat 50` is not a field).
    const isFieldGroup = knownFieldKind(first) !== undefined
      || (sender !== undefined && group.length >= 2 && looksLikeLabel(first)
        && (fields.length > 0 || !looksLikeAddress(group[1]!.text)));
    if (!sender && !isFieldGroup) {
      sender = { organisation: textLine(group[0]!), units: group.slice(1).map(textLine), address: [] };
      continue;
    }
    if (!isFieldGroup) {
      if (fields.length === 0 && sender) sender.address.push(...group.map(textLine));
      else fields.at(-1)?.values.push(...group.map(textLine));
      continue;
    }
    let field = startField(group[0]!);
    for (const l of group.slice(1)) {
      if (knownFieldKind(l.text) !== undefined && field.values.length > 0) field = startField(l);
      else field.values.push(textLine(l));
    }
  }
  return { ...(sender ? { sender } : {}), fields };
}

/**
 * Parses the letterhead. `lines` are the source lines before the body, with the logo placeholder
 * and the running header already removed.
 */
export function parseLetterhead(lines: readonly SourceLine[], sink: DiagnosticSink): Letterhead {
  const dateAt = lines.findIndex((l) => DATE_LABEL.test(l.text.trim()) && DATE_LINE.test(l.text.trim()));
  const subjectAt = lines.findIndex((l, i) => i > dateAt && SUBJECT_LINE.test(l.text.trim()));
  if (dateAt < 0 || subjectAt < 0) {
    const missing = [dateAt < 0 ? '"Datum"' : '', subjectAt < 0 ? '"Betreft"' : ''].filter(Boolean).join(' and ');
    const where = lines.find((l) => l.text.trim() !== '')?.n ?? 1;
    sink.fail(where, 'not-a-letter', `no letter structure found: the letterhead has no ${missing} label (see the input format: addressee, Datum, Betreft, sender block)`);
  }

  const head = lines.slice(0, dateAt).filter((l) => l.text.trim() !== '');
  const returnAt = head.findIndex((l) => RETURN_ADDRESS.test(l.text));
  const returnAddress = returnAt >= 0 ? textLine(head[returnAt]!) : undefined;
  const addressee = head.filter((_, i) => i !== returnAt).map(textLine);
  if (addressee.length === 0) sink.warn(lines[dateAt]!.n, 'no-addressee', 'no addressee lines before "Datum"');

  const dateMatch = DATE_LABEL.exec(lines[dateAt]!.text.trim())!;
  const dateValue = labelValue(lines, dateAt, dateMatch[1] ?? '', [SUBJECT_LINE]);
  const dateLine = joinLines(dateValue.lines, lines[dateAt]!.n);
  const iso = parseDutchDate(dateLine.text);
  if (dateLine.text === '') sink.warn(lines[dateAt]!.n, 'no-date', '"Datum" has no value');
  else if (!iso) sink.warn(dateLine.line, 'unrecognised-date', `"${dateLine.text}" is not a date like "12 februari 2026"; metadata dates fall back to SOURCE_DATE_EPOCH`);
  const date: LetterDate = { text: dateLine.text, line: dateLine.line, ...(iso ? { iso } : {}) };

  const subjectMatch = SUBJECT_LABEL.exec(lines[subjectAt]!.text.trim())!;
  const subjectValue = labelValue(lines, subjectAt, subjectMatch[1] ?? '', []);
  const subject = joinLines(subjectValue.lines, lines[subjectAt]!.n);
  if (subject.text === '') sink.fail(lines[subjectAt]!.n, 'no-subject', '"Betreft" has no value: the subject is the title of every publication');

  const between = lines.slice(dateValue.next, subjectAt).filter((l) => l.text.trim() !== '');
  if (between.length) sink.warn(between[0]!.n, 'unexpected-text', `text between the date and "Betreft" is kept with the addressee: "${between[0]!.text.trim()}"`);
  addressee.push(...between.map(textLine));

  const { sender, fields } = senderAndFields(lines.slice(subjectValue.next));
  return { ...(returnAddress ? { returnAddress } : {}), addressee, date, subject, ...(sender ? { sender } : {}), fields };
}
