/**
 * Lists (7.2-17 … 7.2-20, 7.2-40) and tables (7.2-3 … 7.2-15, 7.2-36 … 7.2-39, 7.5-1, 7.5-2).
 * Kid tests work on the kids' standard types, as veraPDF's `kidsStandardTypes` does.
 */
import { PDFArray, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { bytesToLatin1 } from '../../content-lexer.js';
import { asDict, bytesValue, deref, get, getDict, items, nameValue } from '../../pdf-objects.js';
import { onElement, type DocContext, type RuleHit } from '../../pdf-rule.js';
import type { StructElem } from '../../struct-tree.js';
import { kidTypes } from './structure.js';
import { uaRule } from './ua.js';

/** A Table-owner attribute (ISO 32000-1, 14.8.5.7) from /A or from the classes in /C. */
function tableAttribute(ctx: DocContext, elem: StructElem, key: string): PDFObject | undefined {
  const context = ctx.model.context;
  const fromList = (value: PDFObject | undefined): PDFObject | undefined => {
    const list = value instanceof PDFArray ? items(context, value) : [value];
    for (const entry of list) {
      const dict = asDict(entry);
      if (dict && nameValue(get(dict, 'O')) === 'Table') {
        const found = get(dict, key);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const direct = fromList(get(elem.dict, 'A'));
  if (direct !== undefined) return direct;
  const classMap = getDict(ctx.tree.root, 'ClassMap');
  const classes = get(elem.dict, 'C');
  const names = classes instanceof PDFArray ? items(context, classes) : [classes];
  for (const name of names) {
    if (!(name instanceof PDFName)) continue;
    const found = fromList(deref(context, classMap?.get(name)));
    if (found !== undefined) return found;
  }
  return undefined;
}

function span(ctx: DocContext, cell: StructElem, key: 'RowSpan' | 'ColSpan'): number {
  const value = tableAttribute(ctx, cell, key);
  return value instanceof PDFNumber && value.asNumber() >= 1 ? Math.floor(value.asNumber()) : 1;
}

const parentText = (elem: StructElem): string => elem.parent?.std ?? elem.parent?.type ?? 'the structure root';

/** Elements of one standard type, failing a test: one hit each. */
function each(std: string, fails: (elem: StructElem) => string | undefined): (ctx: DocContext) => RuleHit[] {
  return ({ tree }) =>
    tree.elements.flatMap((elem) => {
      if (elem.std !== std) return [];
      const message = fails(elem);
      return message === undefined ? [] : [onElement(elem, message)];
    });
}

const count = (elem: StructElem, type: string): number => kidTypes(elem).filter((t) => t === type).length;

// ------------------------------------------------------------------ lists

export const liInL = uaRule({
  id: '7.2-17',
  summary: 'LI elements are inside L.',
  help: 'Put every LI inside an L.',
  check: each('LI', (e) => (e.parent?.std !== 'L' ? `LI inside ${parentText(e)}` : undefined)),
});

export const lbodyInLi = uaRule({
  id: '7.2-18',
  summary: 'LBody elements are inside LI.',
  help: 'Put every LBody inside an LI.',
  check: each('LBody', (e) => (e.parent?.std !== 'LI' ? `LBody inside ${parentText(e)}` : undefined)),
});

export const lKids = uaRule({
  id: '7.2-19',
  summary: 'L holds only L, LI and a first Caption.',
  help: 'Put list content in LI elements.',
  check: each('L', (e) => {
    const joined = kidTypes(e).join('&');
    return joined === '' || joined === 'Caption' || /^(Caption&)?(L|LI)(&(L|LI))*$/.test(joined) ? undefined : `L holds ${kidTypes(e).join(', ')}`;
  }),
});

export const liKids = uaRule({
  id: '7.2-20',
  summary: 'LI holds only Lbl and LBody.',
  help: 'Put the marker in Lbl and the text in LBody.',
  check: each('LI', (e) => (kidTypes(e).every((t) => t === 'Lbl' || t === 'LBody') ? undefined : `LI holds ${kidTypes(e).join(', ')}`)),
});

export const listCaptionFirst = uaRule({
  id: '7.2-40',
  summary: 'A Caption in L is its first kid.',
  help: 'Move the Caption to the start of the list.',
  check: each('L', (e) => (kidTypes(e).slice(1).includes('Caption') ? 'Caption is not the first kid of L' : undefined)),
});

// ------------------------------------------------------------------ tables

const PART = '(TR|THead|TBody|TFoot)';
export const tableKids = uaRule({
  id: '7.2-3',
  summary: 'Table holds only TR, THead, TBody, TFoot and one Caption first or last.',
  help: 'Restructure the table.',
  check: each('Table', (e) => {
    const joined = kidTypes(e).join('&');
    const valid =
      joined === '' ||
      joined === 'Caption' ||
      new RegExp(`^(Caption&)?${PART}(&${PART})*$`).test(joined) ||
      new RegExp(`^${PART}(&${PART})*(&Caption)?$`).test(joined);
    return valid ? undefined : `Table holds ${kidTypes(e).join(', ')}`;
  }),
});

export const trParent = uaRule({
  id: '7.2-4',
  summary: 'TR is inside Table, THead, TBody or TFoot.',
  help: 'Put rows inside a table.',
  check: each('TR', (e) => (['Table', 'THead', 'TBody', 'TFoot'].includes(e.parent?.std ?? '') ? undefined : `TR inside ${parentText(e)}`)),
});

const inTable = (std: string, id: string): ReturnType<typeof uaRule> =>
  uaRule({
    id,
    summary: `${std} is inside Table.`,
    help: `Put ${std} inside Table.`,
    check: each(std, (e) => (e.parent?.std === 'Table' ? undefined : `${std} inside ${parentText(e)}`)),
  });
export const theadParent = inTable('THead', '7.2-5');
export const tbodyParent = inTable('TBody', '7.2-6');
export const tfootParent = inTable('TFoot', '7.2-7');

export const thParent = uaRule({
  id: '7.2-8',
  summary: 'TH is inside TR.',
  help: 'Put header cells in rows.',
  check: each('TH', (e) => (e.parent?.std === 'TR' ? undefined : `TH inside ${parentText(e)}`)),
});

export const tdParent = uaRule({
  id: '7.2-9',
  summary: 'TD is inside TR.',
  help: 'Put data cells in rows.',
  check: each('TD', (e) => (e.parent?.std === 'TR' ? undefined : `TD inside ${parentText(e)}`)),
});

export const trKids = uaRule({
  id: '7.2-10',
  summary: 'TR holds only TH and TD.',
  help: 'Put row content in cells.',
  check: each('TR', (e) => (kidTypes(e).every((t) => t === 'TH' || t === 'TD') ? undefined : `TR holds ${kidTypes(e).join(', ')}`)),
});

export const oneThead = uaRule({
  id: '7.2-11',
  summary: 'Table has at most one THead.',
  help: 'Merge the THead elements.',
  check: each('Table', (e) => (count(e, 'THead') > 1 ? `Table has ${count(e, 'THead')} THead` : undefined)),
});

export const oneTfoot = uaRule({
  id: '7.2-12',
  summary: 'Table has at most one TFoot.',
  help: 'Merge the TFoot elements.',
  check: each('Table', (e) => (count(e, 'TFoot') > 1 ? `Table has ${count(e, 'TFoot')} TFoot` : undefined)),
});

export const tfootNeedsTbody = uaRule({
  id: '7.2-13',
  summary: 'A Table with TFoot has TBody.',
  help: 'Add TBody.',
  check: each('Table', (e) => (count(e, 'TFoot') > 0 && count(e, 'TBody') === 0 ? 'Table has TFoot but no TBody' : undefined)),
});

export const theadNeedsTbody = uaRule({
  id: '7.2-14',
  summary: 'A Table with THead has TBody.',
  help: 'Add TBody.',
  check: each('Table', (e) => (count(e, 'THead') > 0 && count(e, 'TBody') === 0 ? 'Table has THead but no TBody' : undefined)),
});

function rowsOf(table: StructElem): StructElem[] {
  const rows: StructElem[] = [];
  for (const kid of table.kids) {
    if (kid.std === 'TR') rows.push(kid);
    else if (kid.std === 'THead' || kid.std === 'TBody' || kid.std === 'TFoot') rows.push(...kid.kids.filter((k) => k.std === 'TR'));
  }
  return rows;
}

const cellsOf = (table: StructElem): StructElem[] => rowsOf(table).flatMap((r) => r.kids.filter((k) => k.std === 'TH' || k.std === 'TD'));

export const regularTable = uaRule({
  id: '7.2-15',
  summary: 'Tables are regular: every row has the same number of cells after RowSpan/ColSpan.',
  help: 'Fix the row and column spans.',
  check: (ctx) =>
    each('Table', (table) => {
      // Cells per row after spans, carrying row spans down.
      const rows = rowsOf(table);
      const carried: number[] = [];
      const widths: number[] = [];
      rows.forEach((row, r) => {
        let width = carried[r] ?? 0;
        for (const cell of row.kids) {
          if (cell.std !== 'TH' && cell.std !== 'TD') continue;
          const colSpan = span(ctx, cell, 'ColSpan');
          const rowSpan = span(ctx, cell, 'RowSpan');
          width += colSpan;
          for (let k = 1; k < rowSpan; k += 1) carried[r + k] = (carried[r + k] ?? 0) + colSpan;
        }
        widths.push(width);
      });
      const overhang = carried.length > rows.length && carried.slice(rows.length).some((n) => n > 0);
      if (new Set(widths).size <= 1 && !overhang) return undefined;
      return `irregular table: rows have ${widths.join(', ')} cells${overhang ? ' and a RowSpan runs past the last row' : ''}`;
    })(ctx),
});

const onlyRows = (std: string, id: string): ReturnType<typeof uaRule> =>
  uaRule({
    id,
    summary: `${std} holds only TR.`,
    help: `Put rows in ${std}.`,
    check: each(std, (e) => (kidTypes(e).every((t) => t === 'TR') ? undefined : `${std} holds ${kidTypes(e).join(', ')}`)),
  });
export const theadKids = onlyRows('THead', '7.2-36');
export const tbodyKids = onlyRows('TBody', '7.2-37');
export const tfootKids = onlyRows('TFoot', '7.2-38');

export const oneCaption = uaRule({
  id: '7.2-39',
  summary: 'Table has at most one Caption.',
  help: 'Keep one Caption.',
  check: each('Table', (e) => (count(e, 'Caption') > 1 ? `Table has ${count(e, 'Caption')} Caption elements` : undefined)),
});

function headersOf(ctx: DocContext, cell: StructElem): string[] | undefined {
  const value = tableAttribute(ctx, cell, 'Headers');
  if (!(value instanceof PDFArray)) return undefined;
  return items(ctx.model.context, value).flatMap((v) => {
    const bytes = bytesValue(v);
    return bytes ? [bytesToLatin1(bytes)] : [];
  });
}

export const thScope = uaRule({
  id: '7.5-1',
  summary: 'TH cells have a Scope attribute unless the table uses Headers and IDs.',
  help: 'Set /A << /O /Table /Scope /Column >> (or /Row) on each TH.',
  references: ['15-003'],
  wcag: ['1.3.1'],
  check: (ctx) =>
    ctx.tree.elements.flatMap((table) => {
      if (table.std !== 'Table') return [];
      const cells = cellsOf(table);
      const unscoped = cells.filter((c) => c.std === 'TH' && !(tableAttribute(ctx, c, 'Scope') instanceof PDFName));
      if (unscoped.length === 0) return [];
      const tds = cells.filter((c) => c.std === 'TD');
      const byHeaders = tds.length > 0 && tds.every((td) => (headersOf(ctx, td)?.length ?? 0) > 0) && unscoped.every((th) => th.id !== undefined);
      return byHeaders ? [] : [onElement(table, 'TH without /Scope in a table not organised by Headers and IDs', unscoped.length)];
    }),
});

export const tdHeaders = uaRule({
  id: '7.5-2',
  summary: 'Headers of a TD refer to IDs of cells in the same table.',
  help: 'Fix the Headers attribute.',
  wcag: ['1.3.1'],
  check: (ctx) =>
    ctx.tree.elements.flatMap((table) => {
      if (table.std !== 'Table') return [];
      const cells = cellsOf(table);
      const ids = new Set(cells.flatMap((c) => (c.id !== undefined ? [c.id] : [])));
      return cells.flatMap((cell) => {
        if (cell.std !== 'TD') return [];
        const unknown = (headersOf(ctx, cell) ?? []).filter((h) => !ids.has(h));
        return unknown.length > 0 ? [onElement(cell, `TD Headers name unknown cell IDs: ${unknown.join(', ')}`)] : [];
      });
    }),
});

export const LIST_TABLE_RULES = [
  liInL,
  lbodyInLi,
  lKids,
  liKids,
  listCaptionFirst,
  tableKids,
  trParent,
  theadParent,
  tbodyParent,
  tfootParent,
  thParent,
  tdParent,
  trKids,
  oneThead,
  oneTfoot,
  tfootNeedsTbody,
  theadNeedsTbody,
  regularTable,
  theadKids,
  tbodyKids,
  tfootKids,
  oneCaption,
  thScope,
  tdHeaders,
];
