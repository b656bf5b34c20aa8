/**
 * The annex with answers to parliamentary questions: a title, then `Vraag N` / `Antwoord` blocks.
 * Labels are kept exactly as written; a label that does not match the questions before it is a
 * warning, never a rewrite.
 */
import type { Block, QaAnnex, QaPart } from '../../../model/ast.js';
import { parseBlocks, paragraph } from './blocks.js';
import type { ParseContext } from './context.js';
import { ANSWER_LABEL, QUESTION_LABEL, labelNumbers } from '../vocabulary.js';
import type { SourceLine } from './source-line.js';

export function qaLabel(text: string): { type: 'question' | 'answer'; numbers: number[] } | undefined {
  const t = text.trim();
  const q = QUESTION_LABEL.exec(t);
  if (q) return { type: 'question', numbers: labelNumbers(q[1]) };
  const a = ANSWER_LABEL.exec(t);
  if (a) return { type: 'answer', numbers: labelNumbers(a[1]) };
  return undefined;
}

const list = (ns: readonly number[]): string => ns.join(', ');

export function parseAnnex(lines: readonly SourceLine[], ctx: ParseContext): QaAnnex | undefined {
  const first = lines.findIndex((l) => l.text.trim() !== '');
  if (first < 0) return undefined;
  const annexId = ctx.nextId();
  const firstLabel = lines.findIndex((l) => qaLabel(l.text) !== undefined);
  const preamble = firstLabel < 0 ? lines : lines.slice(0, firstLabel);
  const titleAt = preamble.findIndex((l) => l.text.trim() !== '');
  const title = titleAt >= 0 ? paragraph(preamble[titleAt]!, ctx) : undefined;
  const intro: Block[] = titleAt >= 0 ? parseBlocks(preamble.slice(titleAt + 1), ctx, { headings: false }) : [];
  const annex: QaAnnex = { type: 'annex', id: annexId, level: 2, line: lines[first]!.n, ...(title ? { title } : {}), intro, parts: [] };
  if (firstLabel < 0) return annex;

  let pending: number[] = [];
  let lastQuestion = 0;
  let i = firstLabel;
  while (i < lines.length) {
    const labelLine = lines[i]!;
    const label = qaLabel(labelLine.text)!;
    let j = i + 1;
    while (j < lines.length && qaLabel(lines[j]!.text) === undefined) j++;
    const part: QaPart = {
      type: label.type, id: ctx.nextId(), level: 3, line: labelLine.n, label: labelLine.text.trim(), numbers: label.numbers, content: [],
    };
    part.content = parseBlocks(lines.slice(i + 1, j), ctx, { headings: false });
    if (part.content.length === 0) {
      ctx.sink.warn(labelLine.n, 'empty-qa-part', `"${part.label}" has no text under it`);
    }
    if (label.type === 'question') {
      const n = label.numbers[0];
      if (n !== undefined && n !== lastQuestion + 1) {
        ctx.sink.warn(labelLine.n, 'question-sequence', `"${part.label}" follows question ${lastQuestion || '(none)'}: a question number is skipped or repeated`);
      }
      if (label.numbers.length) lastQuestion = Math.max(...label.numbers);
      pending.push(...label.numbers);
    } else {
      if (pending.length === 0) {
        ctx.sink.warn(labelLine.n, 'answer-without-question', `"${part.label}" does not follow a question`);
      } else if (label.numbers.length && list(label.numbers) !== list(pending)) {
        ctx.sink.warn(labelLine.n, 'qa-label-mismatch',
          `"${part.label}" follows ${pending.map((n) => `Vraag ${n}`).join(' and ')}: its numbers (${list(label.numbers)}) do not match; the label is published as written`);
      }
      part.answers = [...pending];
      pending = [];
    }
    annex.parts.push(part);
    i = j;
  }
  if (pending.length) {
    const lastQ = [...annex.parts].reverse().find((p) => p.type === 'question')!;
    ctx.sink.warn(lastQ.line, 'question-without-answer', `question ${list(pending)} has no answer after it`);
  }
  return annex;
}
