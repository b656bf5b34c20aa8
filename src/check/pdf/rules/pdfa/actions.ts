/**
 * Actions (ISO 19005-2, 6.5): only GoTo, GoToR, GoToE, Thread, URI, Named (NextPage, PrevPage,
 * FirstPage, LastPage) and SubmitForm actions, so no JavaScript, Launch or media actions (6.5.1-1,
 * 6.5.1-2), also none in the document's JavaScript name tree; no additional-actions dictionaries on
 * the catalog (6.5.2-1) or pages (6.5.2-2).
 */
import { PDFDict, type PDFObject } from 'pdf-lib';
import { asDict, deref, get, getArray, getDict, getName, items, readNameTree } from '../../pdf-objects.js';
import { onObject, onPage, shared, type DocContext, type RuleHit } from '../../pdf-rule.js';
import { annotations } from '../shared/annotations.js';
import { pdfaRule } from './pdfa.js';

interface FoundAction {
  dict: PDFDict;
  /** Where it was found: `page 2 Link annotation …`, `OpenAction`, `outline item …`. */
  where: string;
  page?: number;
}

/** Every action reachable from the catalog's OpenAction, annotations, the outline and the JavaScript name tree, with /Next chains. */
function computeActions(ctx: DocContext): FoundAction[] {
  const { model } = ctx;
  const out: FoundAction[] = [];
  const seen = new Set<PDFDict>();
  const add = (value: PDFObject | undefined, where: string, page?: number): void => {
    for (let action = asDict(deref(model.context, value)), hops = 0; action && !seen.has(action) && hops < 64; hops += 1) {
      seen.add(action);
      out.push({ dict: action, where, ...(page !== undefined ? { page } : {}) });
      const next = get(action, 'Next');
      // /Next is an action or an array of actions.
      const nexts = next instanceof PDFDict ? [next] : items(model.context, getArray(action, 'Next'));
      for (const n of nexts.slice(1)) add(n, where, page);
      action = asDict(nexts[0]);
    }
  };
  const open = get(model.catalog, 'OpenAction');
  if (open instanceof PDFDict) add(open, 'the catalog /OpenAction');
  for (const annot of annotations(ctx)) add(get(annot.dict, 'A'), annot.label, annot.page);
  const outlineSeen = new Set<PDFDict>();
  const walk = (item: PDFDict | undefined, depth: number): void => {
    for (let node = item; node && !outlineSeen.has(node) && depth < 64; node = getDict(node, 'Next')) {
      outlineSeen.add(node);
      add(get(node, 'A'), `outline item ${model.objectLabel(node)}`);
      walk(getDict(node, 'First'), depth + 1);
    }
  };
  walk(getDict(getDict(model.catalog, 'Outlines'), 'First'), 0);
  for (const [name, value] of readNameTree(model.context, getDict(getDict(model.catalog, 'Names'), 'JavaScript'))) add(value, `the JavaScript name tree entry "${name}"`);
  return out;
}

const actions = (ctx: DocContext): FoundAction[] => shared(ctx, computeActions);

const PERMITTED = new Set(['GoTo', 'GoToR', 'GoToE', 'Thread', 'URI', 'Named', 'SubmitForm']);
const NAMED = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);

const hit = (ctx: DocContext, a: FoundAction, message: string): RuleHit =>
  a.page !== undefined ? onPage(a.page, message) : onObject(ctx.model.objectLabel(a.dict), message);

export const permittedActions = pdfaRule('b', {
  id: '6.5.1-1',
  summary: 'Actions are GoTo, GoToR, GoToE, Thread, URI, Named or SubmitForm only: no JavaScript, Launch, Sound, Movie, ResetForm, ImportData, Hide, SetOCGState, Rendition, Trans or GoTo3DView.',
  help: 'Remove the action (scripts and launched programs do not belong in an archived document).',
  check: (ctx) =>
    actions(ctx)
      .filter((a) => !PERMITTED.has(getName(a.dict, 'S') ?? '?'))
      .map((a) => hit(ctx, a, `${a.where}: a ${getName(a.dict, 'S') ?? 'untyped'} action`)),
});

export const permittedNamedActions = pdfaRule('b', {
  id: '6.5.1-2',
  summary: 'Named actions are NextPage, PrevPage, FirstPage or LastPage only.',
  help: 'Replace the named action by a GoTo action.',
  check: (ctx) =>
    actions(ctx)
      .filter((a) => getName(a.dict, 'S') === 'Named' && !NAMED.has(getName(a.dict, 'N') ?? '?'))
      .map((a) => hit(ctx, a, `${a.where}: named action ${getName(a.dict, 'N') ?? '(none)'}`)),
});

export const catalogAdditionalActions = pdfaRule('b', {
  id: '6.5.2-1',
  summary: 'The catalog has no /AA (additional actions).',
  help: 'Remove /AA from the catalog.',
  check: ({ model }) => (get(model.catalog, 'AA') !== undefined ? [onObject(model.objectLabel(model.catalog), 'the catalog has /AA')] : []),
});

export const pageAdditionalActions = pdfaRule('b', {
  id: '6.5.2-2',
  summary: 'No page has /AA (additional actions).',
  help: 'Remove /AA from the page.',
  check: ({ model }) => model.pages.filter((p) => get(p.dict, 'AA') !== undefined).map((p) => onPage(p.index, 'the page has /AA')),
});

export const ACTION_RULES = [permittedActions, permittedNamedActions, catalogAdditionalActions, pageAdditionalActions];
