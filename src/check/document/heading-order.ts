import { inlineText } from '../../model/text.js';
import { walkLetter } from '../../model/visit.js';
import type { Rule, RuleHit } from '../rule.js';
import type { DocumentContext } from './context.js';

/** Levels as every format publishes them: after the subject (1), down by one at most, never empty. */
export const headingOrder: Rule<DocumentContext> = {
  id: 'heading-order',
  summary: 'Headings start below the subject and go down one level at a time, and none is empty.',
  help: 'A skipped level or an empty heading breaks navigation by headings in every format. Give each heading text and the level right under the heading it belongs to.',
  severity: 'violation',
  wcag: ['1.3.1', '2.4.6'],
  check({ letter }) {
    const hits: RuleHit[] = [];
    let previous = 1;
    const at = (line: number): RuleHit['locations'] => [{ file: letter.source.path, line }];
    const see = (level: number, text: string, line: number): void => {
      if (level > previous + 1) hits.push({ message: `a level-${level} heading ("${text}") follows a level-${previous} heading`, locations: at(line) });
      if (level < 2) hits.push({ message: `heading "${text}" is at level ${level}, the subject's own level`, locations: at(line) });
      if (text.trim() === '') hits.push({ message: `a level-${level} heading has no text`, locations: at(line) });
      previous = level;
    };
    walkLetter(letter, {
      node: (n) => {
        if (n.type === 'heading') see(n.level, inlineText(n.content), n.line);
        else if (n.type === 'annex') see(n.level, n.title ? inlineText(n.title.content) : '(generic title)', n.line);
        else if (n.type === 'question' || n.type === 'answer') see(n.level, n.label, n.line);
      },
    }, { notes: false, letterhead: false });
    return hits;
  },
};
