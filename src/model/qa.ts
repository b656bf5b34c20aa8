/**
 * Questions and their answer as one unit. An answer answers the questions since the previous
 * answer (the reference letter answers questions 8 and 9 together under "Antwoord 7 en 8"); every
 * writer groups the annex this way, so a reader who jumps to a question finds its answer under it.
 */
import type { QaAnnex, QaPart } from './ast.js';

export interface QaGroup {
  /** The questions, in order (none when an answer stands without a question). */
  questions: QaPart[];
  /** The answer to all of them, if the letter gives one. */
  answer?: QaPart;
}

export function qaGroups(annex: QaAnnex): QaGroup[] {
  const groups: QaGroup[] = [];
  let open: QaPart[] = [];
  for (const part of annex.parts) {
    if (part.type === 'question') {
      open.push(part);
      continue;
    }
    groups.push({ questions: open, answer: part });
    open = [];
  }
  if (open.length) groups.push({ questions: open });
  return groups;
}

/** The question numbers an answer answers: by position, else those its label names. */
export function answeredNumbers(answer: QaPart): number[] {
  return answer.answers?.length ? answer.answers : answer.numbers;
}
