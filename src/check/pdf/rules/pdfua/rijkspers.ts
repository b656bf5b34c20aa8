/**
 * Checks beyond the validator, for what readers of our letters meet: a paragraph or heading a
 * screen reader announces but that has no text (an empty P, H2 or list label).
 */
import { mcidKey } from '../../content-walk.js';
import { onElement } from '../../pdf-rule.js';
import type { StructElem } from '../../struct-tree.js';
import { uaRule } from './ua.js';

const TEXT_TYPES = new Set(['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'Lbl', 'LBody', 'Caption', 'Link', 'Note', 'Quote', 'Code', 'TOCI']);

export const emptyText = uaRule({
  id: 'RP-empty-text',
  summary: 'Structure elements that carry text (P, H, H1–H6, Lbl, LBody, Caption, Link, Note, Quote, Code, TOCI) contain some text, ActualText or Alt.',
  help: 'Remove the empty element or put its text in it.',
  check: ({ tree, content }) => {
    const hasText = (elem: StructElem): boolean => {
      if (elem.actualText?.trim() || elem.alt?.trim()) return true;
      for (const mcr of elem.mcrs) {
        const use = content.mcids.get(mcidKey(mcr.owner, mcr.mcid));
        // Glyphs without Unicode count as text here: 7.21.7-1 already reports them.
        if (use && (use.text.trim() !== '' || use.unmappedGlyphs > 0)) return true;
      }
      return elem.kids.some(hasText);
    };
    return tree.elements.filter((e) => e.std !== undefined && TEXT_TYPES.has(e.std) && !hasText(e)).map((e) => onElement(e, `${e.type} ${e.label} has no text`));
  },
});
