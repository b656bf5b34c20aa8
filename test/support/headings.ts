/**
 * The headings of a letter as every format must publish them, computed from the model (issue 10):
 * levels as `finishLetter` decided them, the text exactly as written, and the accessible name,
 * which for an answer says which questions it answers when its label does not (`Antwoord` →
 * "Antwoord op vraag 1"; `Antwoord 7 en 8` after questions 8 and 9 → "Antwoord 7 en 8 (op vraag 8
 * en 9)"). Navigation (EPUB table of contents, PDF bookmarks) names a question by its label and the
 * start of its text, everything else by its accessible name, and no two entries read the same.
 */
import { expect } from 'vitest';
import type { Block, Letter, QaPart } from '../../src/model/ast.js';
import { inlineText } from '../../src/model/text.js';
import type { Theme } from '../../src/render/theme.js';
import { normalized } from './html.js';

export interface ExpectedHeading {
  level: number;
  /** What the page shows: the heading's text as written. */
  text: string;
  /** What a screen reader announces (the text, and for an answer which questions it answers). */
  name: string;
  /** The question or answer this heading labels. */
  part?: QaPart;
}

/** `1`, `1 en 2`, `1, 2 en 3` (the Dutch house style's wording). */
export function dutchList(numbers: readonly number[]): string {
  const ns = numbers.map(String);
  return ns.length <= 1 ? ns.join('') : `${ns.slice(0, -1).join(', ')} en ${ns.at(-1)}`;
}

/** The questions each answer answers: those since the previous answer. */
export function answeredBy(letter: Letter): Map<QaPart, number[]> {
  const out = new Map<QaPart, number[]>();
  let open: QaPart[] = [];
  for (const part of letter.annex?.parts ?? []) {
    if (part.type === 'question') open.push(part);
    else {
      out.set(part, open.flatMap((q) => q.numbers));
      open = [];
    }
  }
  return out;
}

/**
 * The accessible name of an answer's label: the label itself when it names exactly the questions
 * it answers, else the label with "op vraag N" (in brackets when the label has numbers of its own).
 */
export function answerName(answer: QaPart, answered: readonly number[]): string {
  if (answered.length === 0 || (answer.numbers.length > 0 && answer.numbers.join(',') === answered.join(','))) return answer.label;
  const to = `op vraag ${dutchList(answered)}`;
  return answer.numbers.length > 0 ? `${answer.label} (${to})` : `${answer.label} ${to}`;
}

/** The model's headings in reading order: subject, body headings, annex heading, its intro's headings, labels and their headings. */
export function modelHeadings(letter: Letter, theme: Pick<Theme, 't'>): ExpectedHeading[] {
  const blocks = (bs: readonly Block[]): ExpectedHeading[] =>
    bs.flatMap((b) => (b.type === 'heading' ? [{ level: b.level, text: normalized(inlineText(b.content)), name: normalized(inlineText(b.content)) }] : []));
  const subject = normalized(letter.subject.text);
  const out: ExpectedHeading[] = [{ level: 1, text: subject, name: subject }, ...blocks(letter.body)];
  const { annex } = letter;
  if (annex) {
    const title = normalized(annex.title ? inlineText(annex.title.content) : theme.t('questionsAndAnswers'));
    out.push({ level: annex.level, text: title, name: title }, ...blocks(annex.intro));
    const answered = answeredBy(letter);
    for (const part of annex.parts) {
      const name = part.type === 'answer' ? answerName(part, answered.get(part) ?? []) : part.label;
      out.push({ level: part.level, text: normalized(part.label), name: normalized(name), part }, ...blocks(part.content));
    }
  }
  return out;
}

/** A question's text as one line: its first paragraph or list item. */
export function questionText(part: QaPart): string {
  const first = part.content.find((b) => b.type === 'paragraph' || b.type === 'list');
  if (!first) return '';
  return normalized(first.type === 'paragraph' ? inlineText(first.content) : inlineText(first.items[0]?.content ?? []));
}

/**
 * Navigation entries (in order) against the headings they list: a question is "LABEL: START" with
 * START its text, or the beginning of it cut at a word and followed by " …"; every other entry is
 * the heading's accessible name; a repeated entry gets " (2)", " (3)" …, so no two read the same.
 */
export function expectNavigation(shown: readonly string[], headings: readonly ExpectedHeading[], what: string): void {
  const entries = shown.map(normalized);
  expect(new Set(entries).size, `${what}: no two entries read the same`).toBe(entries.length);
  expect(entries, what).toHaveLength(headings.length);
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const h = headings[i]!;
    // A repeat of an earlier entry carries its count: "… (2)".
    const counted = / \((\d+)\)$/u.exec(entry);
    const base = counted && Number(counted[1]) >= 2 && seen.has(entry.slice(0, -counted[0].length)) ? entry.slice(0, -counted[0].length) : entry;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) expect(entry, `${what}: entry ${i} repeats an earlier one and says so`).toBe(`${base} (${n})`);
    if (h.part?.type === 'question') {
      const text = questionText(h.part);
      const prefix = `${h.part.label}: `;
      if (!text) {
        expect(base, `${what}: entry ${i}`).toBe(h.part.label);
        return;
      }
      expect(base.startsWith(prefix), `${what}: entry ${i} "${base}" starts with "${prefix}"`).toBe(true);
      const start = base.slice(prefix.length);
      if (start === text) return;
      expect(start.endsWith(' …'), `${what}: entry ${i} "${base}" is the question's text or its start and " …"`).toBe(true);
      const cut = start.slice(0, -2);
      expect(text.startsWith(cut), `${what}: entry ${i}: "${cut}" is the start of "${text}"`).toBe(true);
      expect(cut.length, `${what}: entry ${i} is a start of some words`).toBeGreaterThan(20);
      expect(cut.length).toBeLessThan(text.length);
    } else {
      expect(base, `${what}: entry ${i}`).toBe(h.name);
    }
  });
}
