import { walkLetter } from '../../model/visit.js';
import type { Rule, RuleHit } from '../rule.js';
import type { DocumentContext } from './context.js';

/** Anchors, page starts and note links point at ids: each must name one thing. */
export const uniqueIds: Rule<DocumentContext> = {
  id: 'unique-ids',
  summary: 'Every block and note of the letter has an id of its own.',
  help: 'Two parts of the model share an id, so a link or a page start could land on the wrong one. This is a fault of the reader that made the model: please report it.',
  severity: 'violation',
  check({ letter }) {
    const seen = new Map<string, number>();
    const hits: RuleHit[] = [];
    const see = (id: string, line: number): void => {
      const first = seen.get(id);
      if (first !== undefined) hits.push({ message: `id "${id}" is used twice (first on line ${first})`, locations: [{ file: letter.source.path, line }] });
      else seen.set(id, line);
    };
    walkLetter(letter, { node: (n) => see(n.id, n.line), note: (n) => see(n.id, n.line) }, { letterhead: false });
    return hits;
  },
};
