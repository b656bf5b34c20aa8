/**
 * Reads the logical structure (ISO 32000-1, 14.7): the element tree in document order, each
 * element's standard type through the RoleMap, its marked-content references (MCID/MCR) and
 * object references (OBJR), and the flattened ParentTree.
 */
import { PDFArray, PDFDict, PDFNumber, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { bytesToLatin1 } from './content-lexer.js';
import { mcidKey, pageOwner } from './content-walk.js';
import {
  asDict,
  bytesValue,
  deref,
  get,
  getDict,
  getName,
  getNumber,
  getRaw,
  getText,
  items,
  nameValue,
  readNumberTree,
  refLabel,
} from './pdf-objects.js';
import type { PdfModel } from './pdf-model.js';

/** ISO 32000-1:2008, 14.8.4 (Tables 333–340): the standard structure types of PDF 1.7. */
export const STANDARD_TYPES: ReadonlySet<string> = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index',
  'NonStruct', 'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody',
  'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference',
  'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure',
  'Formula', 'Form',
]);

export interface Mcr {
  /** `page:N` or `obj:12 0 R` (a Form XObject named by /Stm); `page:?` when no page is known. */
  owner: string;
  mcid: number;
  page?: number;
}

export interface Objr {
  obj?: PDFDict;
  page?: number;
}

export type RoleStatus = 'standard' | 'mapped' | 'unmapped' | 'circular';

export interface StructElem {
  dict: PDFDict;
  /** Position in depth-first (logical reading) order. */
  order: number;
  type: string;
  /** The standard type it is or maps to; undefined when unmapped or circular. */
  std?: string;
  role: RoleStatus;
  /** A standard type that the RoleMap maps to something else (7.1-7). */
  remapsStandard: boolean;
  parent?: StructElem;
  kids: StructElem[];
  mcrs: Mcr[];
  objrs: Objr[];
  /** /Pg, own or inherited from an ancestor (0-based). */
  page?: number;
  lang?: string;
  alt?: string;
  actualText?: string;
  expansion?: string;
  /** /ID as a byte string (Latin-1 view). */
  id?: string;
  hasParentEntry: boolean;
  label: string;
}

export interface StructTree {
  root?: PDFDict;
  elements: StructElem[];
  roleMap: Map<string, string>;
  byDict: Map<PDFDict, StructElem>;
  /** MCIDs claimed by elements: key `owner#mcid`. */
  claimedMcids: Map<string, StructElem[]>;
  parentTree: Map<number, PDFObject>;
  /** Structural damage: kids that are neither element, MCR nor OBJR; elements reached twice. */
  problems: Array<{ message: string; elem?: StructElem }>;
}

export function resolveRole(
  type: string,
  roleMap: ReadonlyMap<string, string>,
): { std?: string; role: RoleStatus; remapsStandard: boolean } {
  if (STANDARD_TYPES.has(type)) return { std: type, role: 'standard', remapsStandard: roleMap.has(type) };
  const seen = new Set<string>([type]);
  let current = type;
  for (;;) {
    const next = roleMap.get(current);
    if (next === undefined) return { role: 'unmapped', remapsStandard: false };
    if (STANDARD_TYPES.has(next)) return { std: next, role: 'mapped', remapsStandard: false };
    if (seen.has(next)) return { role: 'circular', remapsStandard: false };
    seen.add(next);
    current = next;
  }
}

export function readStructTree(model: PdfModel): StructTree {
  const context = model.context;
  const root = getDict(model.catalog, 'StructTreeRoot');
  const roleMap = new Map<string, string>();
  const roleMapDict = getDict(root, 'RoleMap');
  if (roleMapDict) {
    for (const [key, value] of roleMapDict.entries()) {
      const name = nameValue(deref(context, value));
      if (name !== undefined) roleMap.set(key.decodeText(), name);
    }
  }

  const tree: StructTree = {
    elements: [],
    roleMap,
    byDict: new Map(),
    claimedMcids: new Map(),
    parentTree: readNumberTree(context, getDict(root, 'ParentTree')),
    problems: [],
  };
  if (root) tree.root = root;
  if (!root) return tree;

  const pageOf = (dict: PDFDict | undefined, key = 'Pg'): number | undefined => model.pageIndexOf(getRaw(dict, key));

  const claim = (elem: StructElem, mcr: Mcr): void => {
    elem.mcrs.push(mcr);
    const key = mcidKey(mcr.owner, mcr.mcid);
    const list = tree.claimedMcids.get(key);
    if (list) list.push(elem);
    else tree.claimedMcids.set(key, [elem]);
  };

  const visit = (dict: PDFDict, parent: StructElem | undefined, inheritedPage: number | undefined): void => {
    if (tree.byDict.has(dict)) {
      tree.problems.push({ message: `structure element ${model.objectLabel(dict)} is reached twice in the tree`, elem: tree.byDict.get(dict)! });
      return;
    }
    const type = getName(dict, 'S') ?? '';
    const role = resolveRole(type, roleMap);
    const elem: StructElem = {
      dict,
      order: tree.elements.length,
      type,
      role: role.role,
      remapsStandard: role.remapsStandard,
      kids: [],
      mcrs: [],
      objrs: [],
      hasParentEntry: getRaw(dict, 'P') !== undefined,
      label: model.objectLabel(dict),
    };
    if (role.std !== undefined) elem.std = role.std;
    if (parent) elem.parent = parent;
    const page = pageOf(dict) ?? inheritedPage;
    if (page !== undefined) elem.page = page;
    const lang = getText(dict, 'Lang');
    if (lang !== undefined) elem.lang = lang;
    const alt = getText(dict, 'Alt');
    if (alt !== undefined) elem.alt = alt;
    const actualText = getText(dict, 'ActualText');
    if (actualText !== undefined) elem.actualText = actualText;
    const expansion = getText(dict, 'E');
    if (expansion !== undefined) elem.expansion = expansion;
    const id = bytesValue(get(dict, 'ID'));
    if (id !== undefined) elem.id = bytesToLatin1(id);
    tree.elements.push(elem);
    tree.byDict.set(dict, elem);
    parent?.kids.push(elem);

    const kidList = listOf(model, get(dict, 'K'));
    for (const kid of kidList) {
      if (kid instanceof PDFNumber) {
        claim(elem, { owner: page !== undefined ? pageOwner(page) : 'page:?', mcid: kid.asNumber(), ...(page !== undefined ? { page } : {}) });
        continue;
      }
      const kidDict = asDict(kid);
      if (!kidDict) continue;
      const kidType = getName(kidDict, 'Type');
      if (kidType === 'MCR' || (kidType === undefined && getRaw(kidDict, 'MCID') !== undefined && getRaw(kidDict, 'S') === undefined)) {
        const mcid = getNumber(kidDict, 'MCID');
        if (mcid === undefined) continue;
        const mcrPage = pageOf(kidDict) ?? page;
        const stm = getRaw(kidDict, 'Stm');
        const owner = stm instanceof PDFRef ? `obj:${refLabel(stm)}` : mcrPage !== undefined ? pageOwner(mcrPage) : 'page:?';
        claim(elem, { owner, mcid, ...(mcrPage !== undefined ? { page: mcrPage } : {}) });
        continue;
      }
      if (kidType === 'OBJR') {
        const obj = asDict(get(kidDict, 'Obj'));
        const objr: Objr = {};
        if (obj) objr.obj = obj;
        const objPage = pageOf(kidDict) ?? page;
        if (objPage !== undefined) objr.page = objPage;
        elem.objrs.push(objr);
        continue;
      }
      if (getRaw(kidDict, 'S') !== undefined && !(kid instanceof PDFStream)) {
        visit(kidDict, elem, page);
        continue;
      }
      tree.problems.push({ message: `a kid of ${elem.type || 'an element'} (${elem.label}) is neither a structure element, an MCR nor an OBJR`, elem });
    }
  };

  for (const kid of listOf(model, get(root, 'K'))) {
    const dict = asDict(kid);
    if (dict && !(kid instanceof PDFStream)) visit(dict, undefined, undefined);
  }
  return tree;
}

/** The first page an element or its descendants are on, for messages. */
export function elementPage(elem: StructElem): number | undefined {
  if (elem.page !== undefined) return elem.page;
  for (const mcr of elem.mcrs) if (mcr.page !== undefined) return mcr.page;
  for (const objr of elem.objrs) if (objr.page !== undefined) return objr.page;
  for (const kid of elem.kids) {
    const page = elementPage(kid);
    if (page !== undefined) return page;
  }
  return undefined;
}

/** The element a ParentTree entry names: for `StructParents` arrays pass the MCID. */
export function parentTreeElement(
  model: PdfModel,
  tree: StructTree,
  key: number,
  mcid?: number,
): StructElem | undefined {
  const entry = deref(model.context, tree.parentTree.get(key));
  if (entry === undefined) return undefined;
  if (mcid === undefined) {
    const dict = asDict(entry);
    return dict ? tree.byDict.get(dict) : undefined;
  }
  if (!(entry instanceof PDFArray)) return undefined;
  const dict = asDict(deref(model.context, entry.get(mcid)));
  return dict ? tree.byDict.get(dict) : undefined;
}

/** /K and similar entries: one object or an array of them. */
function listOf(model: PdfModel, value: PDFObject | undefined): Array<PDFObject | undefined> {
  if (value === undefined) return [];
  return value instanceof PDFArray ? items(model.context, value) : [value];
}
