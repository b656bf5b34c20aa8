import { walkLetter } from '../../model/visit.js';
import type { Rule, RuleHit } from '../rule.js';
import type { DocumentContext } from './context.js';

/** Every note call leads to a note, and every note is reached from the text. */
export const notesReachable: Rule<DocumentContext> = {
  id: 'notes-reachable',
  summary: 'Every note call leads to its note, and every note is called from the text.',
  help: 'A call without a note is a link to nowhere; a note nobody calls is never found by a screen-reader user who follows the calls. Add the missing note or call.',
  severity: 'violation',
  wcag: ['2.4.4'],
  check({ letter }) {
    const hits: RuleHit[] = [];
    const notes = new Map(letter.notes.map((n) => [n.id, n]));
    const called = new Set<string>();
    walkLetter(letter, {
      inline: (i) => {
        if (i.type !== 'noteRef') return;
        called.add(i.noteId);
        if (!notes.has(i.noteId)) hits.push({ message: `the call "${i.label}" has no note (${i.noteId})`, locations: [{ file: letter.source.path, line: i.line }] });
      },
    }, { notes: false });
    for (const n of letter.notes) {
      if (!called.has(n.id)) hits.push({ message: `note ${n.label} is never called from the text`, locations: [{ file: letter.source.path, line: n.line }] });
    }
    return hits;
  },
};
