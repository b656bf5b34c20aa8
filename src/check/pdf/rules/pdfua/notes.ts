/**
 * Notes: 7.9-1 (Note has an ID), 7.9-2 (unique), and the rijkspers warning that a Note nothing
 * links to cannot be reached from its call.
 */
import { PDFArray, PDFDict, PDFName, type PDFObject } from 'pdf-lib';
import { asDict, deref, get, getArray, getDict, getName, items, readNameTree, textValue } from '../../pdf-objects.js';
import { onElement, type DocContext, type RuleHit } from '../../pdf-rule.js';
import { elementPage, type StructElem } from '../../struct-tree.js';
import { annotations } from '../shared/annotations.js';
import { uaRule } from './ua.js';

type Target = { name: string; page?: number } | { page: number };

/** Where a link goes: a destination name, or the page of an explicit destination. */
function linkTarget(ctx: DocContext, annot: PDFDict, named: Map<string, PDFObject>): Target | undefined {
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

function namedDestinations(ctx: DocContext): Map<string, PDFObject> {
  const context = ctx.model.context;
  const out = readNameTree(context, getDict(getDict(ctx.model.catalog, 'Names'), 'Dests'));
  const legacy = getDict(ctx.model.catalog, 'Dests');
  if (legacy) for (const [key, value] of legacy.entries()) out.set(key.decodeText(), value);
  return out;
}

const notesOf = (ctx: DocContext): StructElem[] => ctx.tree.elements.filter((e) => e.std === 'Note');

export const noteId = uaRule({
  id: '7.9-1',
  summary: 'Note elements have a non-empty /ID.',
  help: 'Give every Note an /ID (and list it in the IDTree).',
  references: ['19-003'],
  check: (ctx) => notesOf(ctx).filter((n) => n.id === undefined || n.id === '').map((n) => onElement(n, `Note ${n.label} has no /ID`)),
});

export const uniqueNoteId = uaRule({
  id: '7.9-2',
  summary: 'Note IDs are unique.',
  help: 'Make every Note /ID unique.',
  references: ['19-004'],
  check: (ctx) => {
    const notes = notesOf(ctx);
    if (notes.length === 0) return [];
    const idCount = new Map<string, number>();
    for (const elem of ctx.tree.elements) if (elem.id !== undefined && elem.id !== '') idCount.set(elem.id, (idCount.get(elem.id) ?? 0) + 1);
    return notes
      .filter((n) => n.id !== undefined && n.id !== '' && (idCount.get(n.id) ?? 0) > 1)
      .map((n) => onElement(n, `Note /ID "${n.id}" is used by ${idCount.get(n.id!)} elements`));
  },
});

export const noteReferenced = uaRule({
  id: 'RP-note-unreferenced',
  summary: 'Each Note is the target of a Link (or Reference) at its call, by destination name = Note /ID, destination page, or /Ref. No veraPDF rule.',
  help: 'Link the note call to the Note (named destination equal to the Note ID).',
  severity: 'warning',
  check: (ctx) => {
    const notes = notesOf(ctx);
    if (notes.length === 0) return [];
    const { model, tree } = ctx;
    // What links point at.
    const named = namedDestinations(ctx);
    const targets: Target[] = [];
    for (const annot of annotations(ctx)) {
      if (annot.subtype !== 'Link') continue;
      const target = linkTarget(ctx, annot.dict, named);
      if (target) targets.push(target);
    }
    const refTargets = new Set<StructElem>();
    for (const elem of tree.elements) {
      for (const ref of items(model.context, getArray(elem.dict, 'Ref'))) {
        const dict = asDict(ref);
        const target = dict ? tree.byDict.get(dict) : undefined;
        if (target) refTargets.add(target);
      }
    }
    // Sets, not a search per note: a letter with thousands of notes stays linear.
    const names = new Set(targets.flatMap((t) => ('name' in t ? [t.name] : [])));
    const pages = new Set(targets.flatMap((t) => (t.page !== undefined ? [t.page] : [])));
    const out: RuleHit[] = [];
    for (const note of notes) {
      if (refTargets.has(note)) continue;
      const page = elementPage(note);
      const reached = (note.id !== undefined && names.has(note.id)) || (page !== undefined && pages.has(page));
      if (!reached) out.push(onElement(note, `Note ${note.id !== undefined ? `"${note.id}"` : note.label} is not the target of any Link or Reference`));
    }
    return out;
  },
});

export const NOTE_RULES = [noteId, uniqueNoteId, noteReferenced];
