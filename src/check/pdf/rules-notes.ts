/**
 * Notes: 7.9-1 (Note has an ID), 7.9-2 (unique), and the rijkspers warning that a Note nothing
 * links to cannot be reached from its call.
 */
import { PDFArray, PDFDict, PDFName, type PDFObject } from 'pdf-lib';
import type { Finding } from './findings.js';
import { asDict, deref, get, getArray, getDict, getName, items, readNameTree, textValue } from './pdf-objects.js';
import type { RuleContext } from './rule-context.js';
import { at } from './rules-structure.js';
import { elementPage, type StructElem } from './struct-tree.js';

type Target = { name: string; page?: number } | { page: number };

/** Where a link goes: a destination name, or the page of an explicit destination. */
function linkTarget(ctx: RuleContext, annot: PDFDict, named: Map<string, PDFObject>): Target | undefined {
  const action = getDict(annot, 'A');
  let dest = get(annot, 'Dest');
  if (dest === undefined && action && getName(action, 'S') === 'GoTo') dest = get(action, 'D');
  if (dest === undefined) return undefined;
  const name = dest instanceof PDFName ? dest.decodeText() : textValue(dest);
  if (name !== undefined) {
    const resolved = deref(ctx.model.context, named.get(name));
    const explicit = resolved instanceof PDFArray ? resolved : getArray(asDict(resolved), 'D');
    const page = explicit ? ctx.model.pageIndexOf(explicit.get(0)) : undefined;
    // A named destination counts by its name; its page is a weaker second answer.
    return { name, ...(page !== undefined ? { page } : {}) };
  }
  if (dest instanceof PDFArray) {
    const page = ctx.model.pageIndexOf(dest.get(0));
    return page !== undefined ? { page } : undefined;
  }
  return undefined;
}

function namedDestinations(ctx: RuleContext): Map<string, PDFObject> {
  const context = ctx.model.context;
  const out = readNameTree(context, getDict(getDict(ctx.model.catalog, 'Names'), 'Dests'));
  const legacy = getDict(ctx.model.catalog, 'Dests');
  if (legacy) for (const [key, value] of legacy.entries()) out.set(key.decodeText(), value);
  return out;
}

export function checkNotes(ctx: RuleContext): Finding[] {
  const { tree, model } = ctx;
  const out: Finding[] = [];
  const notes = tree.elements.filter((e) => e.std === 'Note');
  if (notes.length === 0) return out;

  const idCount = new Map<string, number>();
  for (const elem of tree.elements) if (elem.id !== undefined && elem.id !== '') idCount.set(elem.id, (idCount.get(elem.id) ?? 0) + 1);
  for (const note of notes) {
    if (note.id === undefined || note.id === '') {
      out.push({ rule: '7.9-1', ...at(note), message: `Note ${note.label} has no /ID` });
    } else if ((idCount.get(note.id) ?? 0) > 1) {
      out.push({ rule: '7.9-2', ...at(note), message: `Note /ID "${note.id}" is used by ${idCount.get(note.id)} elements` });
    }
  }

  // What links point at.
  const named = namedDestinations(ctx);
  const targets: Target[] = [];
  for (const page of model.pages) {
    for (const annot of items(model.context, getArray(page.dict, 'Annots'))) {
      if (!(annot instanceof PDFDict) || getName(annot, 'Subtype') !== 'Link') continue;
      const target = linkTarget(ctx, annot, named);
      if (target) targets.push(target);
    }
  }
  const refTargets = new Set<StructElem>();
  for (const elem of tree.elements) {
    for (const ref of items(model.context, getArray(elem.dict, 'Ref'))) {
      const dict = asDict(ref);
      const target = dict ? tree.byDict.get(dict) : undefined;
      if (target) refTargets.add(target);
    }
  }
  for (const note of notes) {
    if (refTargets.has(note)) continue;
    const page = elementPage(note);
    const reached = targets.some(
      (t) => ('name' in t && note.id !== undefined && t.name === note.id) || ('page' in t && page !== undefined && t.page === page),
    );
    if (!reached) {
      out.push({
        rule: 'RP-note-unreferenced',
        ...at(note),
        message: `Note ${note.id !== undefined ? `"${note.id}"` : note.label} is not the target of any Link or Reference`,
      });
    }
  }
  return out;
}
