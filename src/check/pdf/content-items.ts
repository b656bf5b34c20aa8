/**
 * Links content to structure the way assistive technology does: from a page (or Form XObject)
 * through its /StructParents key into the ParentTree, then by MCID.
 */
import { getNumber } from './pdf-objects.js';
import type { DocContext as RuleContext } from './pdf-rule.js';
import { parentTreeElement, type StructElem } from './struct-tree.js';

/** The ParentTree key of a content stream owner (`page:N` or `obj:…`). */
export function structParentsOf(ctx: RuleContext, owner: string): number | undefined {
  if (owner.startsWith('page:')) {
    const page = ctx.model.pages[Number(owner.slice(5))];
    return page ? getNumber(page.dict, 'StructParents') : undefined;
  }
  return ctx.content.forms.get(owner)?.structParents;
}

/** The element the ParentTree names for an MCID, or undefined. */
export function parentTreeElementForMcid(ctx: RuleContext, owner: string, mcid: number): StructElem | undefined {
  const key = structParentsOf(ctx, owner);
  return key === undefined ? undefined : parentTreeElement(ctx.model, ctx.tree, key, mcid);
}

/**
 * The element a content item (`owner#mcid` or `sp:N`) belongs to: the ParentTree's answer, else
 * the element whose /K claims it (for rules that need the element, not the link).
 */
export function elementForItem(ctx: RuleContext, item: string): StructElem | undefined {
  if (item.startsWith('sp:')) return parentTreeElement(ctx.model, ctx.tree, Number(item.slice(3)));
  const hash = item.lastIndexOf('#');
  if (hash < 0) return undefined;
  const owner = item.slice(0, hash);
  const mcid = Number(item.slice(hash + 1));
  return parentTreeElementForMcid(ctx, owner, mcid) ?? ctx.tree.claimedMcids.get(item)?.[0];
}

/** /Lang of the element or its nearest ancestor that has one. */
export function inheritedLang(elem: StructElem | undefined): string | undefined {
  for (let e = elem; e; e = e.parent) if (e.lang !== undefined) return e.lang;
  return undefined;
}
