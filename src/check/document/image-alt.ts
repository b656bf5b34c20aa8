import { walkLetter } from '../../model/visit.js';
import type { Rule, RuleHit } from '../rule.js';
import type { DocumentContext } from './context.js';

/** Every image that carries meaning says what it shows. */
export const imageAlt: Rule<DocumentContext> = {
  id: 'image-alt',
  summary: 'Every image that is not marked decorative has an alternative text.',
  help: 'Give the image a description in Word (right-click → Edit Alt Text), or mark it as decorative there when it carries no information.',
  severity: 'warning',
  wcag: ['1.1.1'],
  check({ letter }) {
    const hits: RuleHit[] = [];
    walkLetter(letter, {
      node: (n) => {
        if (n.type === 'image' && !n.decorative && n.alt.trim() === '') hits.push({ message: 'an image has no alternative text', locations: [{ file: letter.source.path, line: n.line }] });
      },
    }, { notes: false, letterhead: false });
    return hits;
  },
};
