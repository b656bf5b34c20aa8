/** Page starts a test sets itself, to put EPUB page markers at every kind of position. */
import type { Letter } from '../../src/model/ast.js';
import type { PageStart } from '../../src/model/page-starts.js';
import { unitText } from '../../src/model/text.js';

/** Block ids in document order (`b1`, `b2` … are handed out in reading order). */
const idNumber = (id: string): number => Number(id.replace(/^b/u, ''));

/**
 * Page starts that hit every kind of position: the letter's top, a heading, the middle of a
 * paragraph (at a word), a list item, the text of an answer (through its part id), a question
 * label, the signature.
 */
export function syntheticPageStarts(letter: Letter): PageStart[] {
  const picks: Array<{ id: string; offset: number }> = [];
  const atWord = (text: string, fraction: number): number => {
    const i = text.indexOf(' ', Math.floor(text.length * fraction));
    return i < 0 ? 0 : i + 1;
  };
  const heading = letter.body.find((b) => b.type === 'heading');
  if (heading) picks.push({ id: heading.id, offset: 0 });
  const paragraphs = [...letter.body, ...(letter.annex?.parts.flatMap((p) => p.content) ?? [])].filter((b) => b.type === 'paragraph');
  const longest = [...paragraphs].sort((a, b) => unitText(b).length - unitText(a).length)[0];
  if (longest) picks.push({ id: longest.id, offset: atWord(unitText(longest), 0.5) });
  const list = letter.body.find((b) => b.type === 'list');
  if (list?.type === 'list' && list.items.length > 1) picks.push({ id: list.id, offset: unitText({ ...list, items: list.items.slice(0, 1) }).length + 1 });
  const answer = letter.annex?.parts.find((p) => p.type === 'answer' && p.content.length > 0 && p.content[0]?.id !== longest?.id);
  if (answer) picks.push({ id: answer.id, offset: answer.label.length + 1 + atWord(unitText(answer.content[0]!), 0.3) });
  const question = letter.annex?.parts.filter((p) => p.type === 'question').at(-1);
  if (question) picks.push({ id: question.id, offset: 0 });
  const signatory = letter.signatories[0];
  if (signatory) picks.push({ id: signatory.id, offset: 0 });
  const unique = [...new Map(picks.map((p) => [p.id, p])).values()].sort((a, b) => idNumber(a.id) - idNumber(b.id) || a.offset - b.offset);
  return [{ page: 1, at: { kind: 'letter' } }, ...unique.map((p, i): PageStart => ({ page: i + 2, at: { kind: 'node', ...p } }))];
}

