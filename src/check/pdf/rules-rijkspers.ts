/**
 * Checks beyond the validator, for what readers of our letters meet: a paragraph or heading a
 * screen reader announces but that has no text (an empty P, H2 or list label).
 */
import { mcidKey } from './content-walk.js';
import type { Finding } from './findings.js';
import type { RuleContext } from './rule-context.js';
import { at } from './rules-structure.js';
import type { StructElem } from './struct-tree.js';

const TEXT_TYPES = new Set(['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'Lbl', 'LBody', 'Caption', 'Link', 'Note', 'Quote', 'Code', 'TOCI']);

export function checkRijkspers(ctx: RuleContext): Finding[] {
  const { tree, content } = ctx;
  const out: Finding[] = [];
  const hasText = (elem: StructElem): boolean => {
    if (elem.actualText?.trim() || elem.alt?.trim()) return true;
    for (const mcr of elem.mcrs) {
      const use = content.mcids.get(mcidKey(mcr.owner, mcr.mcid));
      // Glyphs without Unicode count as text here: 7.21.7-1 already reports them.
      if (use && (use.text.trim() !== '' || use.unmappedGlyphs > 0)) return true;
    }
    return elem.kids.some(hasText);
  };
  for (const elem of tree.elements) {
    if (elem.std === undefined || !TEXT_TYPES.has(elem.std)) continue;
    if (!hasText(elem)) out.push({ rule: 'RP-empty-text', ...at(elem), message: `${elem.type} ${elem.label} has no text` });
  }
  return out;
}
