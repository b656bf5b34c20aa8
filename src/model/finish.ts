/**
 * What every writer must agree on, decided once for a letter fresh from a reader, before any
 * writer sees it:
 *  - heading levels: the Betreft line is 1; a heading may go down any number of levels but up only
 *    one at a time, within 2…6; the annex is always headed (its title or a generic one) at 2, its
 *    question labels at 3, the label of the answer to them at 4, headings inside them below;
 *  - note order: Word footnotes first, by number, then Word endnotes, then source references, by
 *    number (readers hand them over in any order).
 * HTML, EPUB and the PDF tags all publish these levels as they are. Idempotent: finishing a
 * finished letter changes nothing.
 */
import type { Block, Letter, Note } from './ast.js';
import { qaGroups } from './qa.js';

const MAX_LEVEL = 6;

/** Levels without gaps: each heading at most one below the previous, never above `min`. */
function closeGaps(blocks: readonly Block[], previous: number, min: number): void {
  let prev = previous;
  for (const b of blocks) {
    if (b.type !== 'heading') continue;
    b.level = Math.min(MAX_LEVEL, Math.max(min, Math.min(b.level, prev + 1)));
    prev = b.level;
  }
}

/** Word endnotes are published as notes of kind `footnote` with ids of their own (`en-N`): after the footnotes. */
const isEndnote = (n: Note): boolean => n.id.startsWith('en-');

function noteOrder(a: Note, b: Note): number {
  if (a.kind !== b.kind) return a.kind === 'footnote' ? -1 : 1;
  if (isEndnote(a) !== isEndnote(b)) return isEndnote(a) ? 1 : -1;
  return a.number - b.number;
}

export function finishLetter(letter: Letter): Letter {
  closeGaps(letter.body, 1, 2);
  const { annex } = letter;
  if (annex) {
    annex.level = 2;
    // The intro's headings sit under the annex heading; a part's under its label.
    closeGaps(annex.intro, annex.level, annex.level + 1);
    // A question and its answer are one section: the question's label heads it, the answer's
    // label sits one level below, so navigation by headings reaches each answer under its question.
    for (const group of qaGroups(annex)) {
      for (const q of group.questions) q.level = annex.level + 1;
      if (group.answer) group.answer.level = group.questions.length ? annex.level + 2 : annex.level + 1;
    }
    for (const part of annex.parts) closeGaps(part.content, part.level, part.level + 1);
  }
  letter.notes.sort(noteOrder);
  return letter;
}
