/**
 * What navigation calls the parts of the annex, the same in the EPUB's table of contents, the
 * HTML headings and the PDF's bookmarks and tags: a question by its label and the start of its
 * text ("Vraag 2: Kunt u bevestigen of …"), an answer by the questions it answers ("Antwoord op
 * vraag 2 en 3"). Labels are never rewritten: words are only added where the label alone does not
 * say which questions an answer answers.
 */
import type { QaAnnex, QaPart } from '../model/ast.js';
import { inlineText } from '../model/page-starts.js';
import { answeredNumbers, qaGroups } from '../model/qa.js';
import type { Theme } from './theme.js';

export interface PartNames {
  /** The entry in a table of contents or an outline. */
  navLabel: string;
  /** Words added after the visible label for screen readers ('' when the label says it all). */
  hiddenSuffix: string;
}

/** About this many characters of a question's text go into its entry, cut at a word. */
const QUESTION_START = 60;

function questionStart(part: QaPart): string {
  const first = part.content.find((b) => b.type === 'paragraph' || b.type === 'list');
  const text = first ? (first.type === 'paragraph' ? inlineText(first.content) : inlineText(first.items[0]?.content ?? [])) : '';
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= QUESTION_START) return flat;
  const cut = flat.slice(0, QUESTION_START + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut.slice(0, QUESTION_START)).replace(/[\s,;:.]+$/u, '')} …`;
}

/** `1`, `1 en 2`, `1, 2 en 3`. */
export function numberList(numbers: readonly number[], theme: Theme): string {
  const ns = numbers.map(String);
  if (ns.length <= 1) return ns.join('');
  return `${ns.slice(0, -1).join(', ')} ${theme.t('and')} ${ns.at(-1)}`;
}

export function qaPartNames(annex: QaAnnex, theme: Theme): Map<QaPart, PartNames> {
  const out = new Map<QaPart, PartNames>();
  for (const group of qaGroups(annex)) {
    for (const q of group.questions) {
      const start = questionStart(q);
      out.set(q, { navLabel: start ? theme.t('questionNav', { label: q.label, start }) : q.label, hiddenSuffix: '' });
    }
    const answer = group.answer;
    if (!answer) continue;
    const answered = answeredNumbers(answer);
    const same = answer.numbers.length > 0 && answer.numbers.join(',') === answered.join(',');
    if (answered.length === 0 || same) {
      out.set(answer, { navLabel: answer.label, hiddenSuffix: '' });
      continue;
    }
    const to = theme.t('answerFor', { numbers: numberList(answered, theme) });
    // A label with numbers of its own keeps them; which questions it answers follows apart.
    const suffix = answer.numbers.length ? ` (${to})` : ` ${to}`;
    out.set(answer, { navLabel: `${answer.label}${suffix}`, hiddenSuffix: suffix });
  }
  return out;
}

/** Labels made unique one by one, for a list a reader picks from: a repeat gets ` (2)`, ` (3)` … */
export class UniqueLabels {
  private readonly seen = new Map<string, number>();

  next(label: string): string {
    const n = (this.seen.get(label) ?? 0) + 1;
    this.seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  }
}

export function uniqueLabels(labels: readonly string[]): string[] {
  const unique = new UniqueLabels();
  return labels.map((label) => unique.next(label));
}
