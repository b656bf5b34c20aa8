/**
 * Lists (7.2-17 … 7.2-20, 7.2-40) and tables (7.2-3 … 7.2-15, 7.2-36 … 7.2-39, 7.5-1, 7.5-2).
 * Kid tests work on the kids' standard types, as veraPDF's `kidsStandardTypes` does.
 */
import { PDFArray, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { bytesToLatin1 } from './content-lexer.js';
import type { Finding } from './findings.js';
import { asDict, bytesValue, deref, get, getDict, items, nameValue } from './pdf-objects.js';
import type { RuleContext } from './rule-context.js';
import { at, kidTypes } from './rules-structure.js';
import type { StructElem } from './struct-tree.js';

/** A Table-owner attribute (ISO 32000-1, 14.8.5.7) from /A or from the classes in /C. */
function tableAttribute(ctx: RuleContext, elem: StructElem, key: string): PDFObject | undefined {
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

function span(ctx: RuleContext, cell: StructElem, key: 'RowSpan' | 'ColSpan'): number {
  const value = tableAttribute(ctx, cell, key);
  return value instanceof PDFNumber && value.asNumber() >= 1 ? Math.floor(value.asNumber()) : 1;
}

function checkLists(elem: StructElem, out: Finding[]): void {
  const kids = kidTypes(elem);
  const parent = elem.parent?.std ?? elem.parent?.type ?? 'the structure root';
  if (elem.std === 'LI' && elem.parent?.std !== 'L') out.push({ rule: '7.2-17', ...at(elem), message: `LI inside ${parent}` });
  if (elem.std === 'LBody' && elem.parent?.std !== 'LI') out.push({ rule: '7.2-18', ...at(elem), message: `LBody inside ${parent}` });
  if (elem.std === 'L') {
    const joined = kids.join('&');
    if (!(joined === '' || joined === 'Caption' || /^(Caption&)?(L|LI)(&(L|LI))*$/.test(joined))) {
      out.push({ rule: '7.2-19', ...at(elem), message: `L holds ${kids.join(', ')}` });
    }
    if (kids.slice(1).includes('Caption')) out.push({ rule: '7.2-40', ...at(elem), message: 'Caption is not the first kid of L' });
  }
  if (elem.std === 'LI' && !kids.every((t) => t === 'Lbl' || t === 'LBody')) {
    out.push({ rule: '7.2-20', ...at(elem), message: `LI holds ${kids.join(', ')}` });
  }
}

function checkTableParts(elem: StructElem, out: Finding[]): void {
  const kids = kidTypes(elem);
  const parent = elem.parent?.std;
  const parentText = elem.parent?.std ?? elem.parent?.type ?? 'the structure root';
  switch (elem.std) {
    case 'TR':
      if (!['Table', 'THead', 'TBody', 'TFoot'].includes(parent ?? '')) out.push({ rule: '7.2-4', ...at(elem), message: `TR inside ${parentText}` });
      if (!kids.every((t) => t === 'TH' || t === 'TD')) out.push({ rule: '7.2-10', ...at(elem), message: `TR holds ${kids.join(', ')}` });
      break;
    case 'THead':
    case 'TBody':
    case 'TFoot': {
      const [parentRule, kidsRule] = { THead: ['7.2-5', '7.2-36'], TBody: ['7.2-6', '7.2-37'], TFoot: ['7.2-7', '7.2-38'] }[elem.std];
      if (parent !== 'Table') out.push({ rule: parentRule!, ...at(elem), message: `${elem.std} inside ${parentText}` });
      if (!kids.every((t) => t === 'TR')) out.push({ rule: kidsRule!, ...at(elem), message: `${elem.std} holds ${kids.join(', ')}` });
      break;
    }
    case 'TH':
      if (parent !== 'TR') out.push({ rule: '7.2-8', ...at(elem), message: `TH inside ${parentText}` });
      break;
    case 'TD':
      if (parent !== 'TR') out.push({ rule: '7.2-9', ...at(elem), message: `TD inside ${parentText}` });
      break;
  }
}

function checkTable(ctx: RuleContext, table: StructElem, out: Finding[]): void {
  const kids = kidTypes(table);
  const joined = kids.join('&');
  const part = '(TR|THead|TBody|TFoot)';
  const valid =
    joined === '' ||
    joined === 'Caption' ||
    new RegExp(`^(Caption&)?${part}(&${part})*$`).test(joined) ||
    new RegExp(`^${part}(&${part})*(&Caption)?$`).test(joined);
  if (!valid) out.push({ rule: '7.2-3', ...at(table), message: `Table holds ${kids.join(', ')}` });
  const count = (type: string): number => kids.filter((t) => t === type).length;
  if (count('THead') > 1) out.push({ rule: '7.2-11', ...at(table), message: `Table has ${count('THead')} THead` });
  if (count('TFoot') > 1) out.push({ rule: '7.2-12', ...at(table), message: `Table has ${count('TFoot')} TFoot` });
  if (count('TFoot') > 0 && count('TBody') === 0) out.push({ rule: '7.2-13', ...at(table), message: 'Table has TFoot but no TBody' });
  if (count('THead') > 0 && count('TBody') === 0) out.push({ rule: '7.2-14', ...at(table), message: 'Table has THead but no TBody' });
  if (count('Caption') > 1) out.push({ rule: '7.2-39', ...at(table), message: `Table has ${count('Caption')} Caption elements` });

  const rows: StructElem[] = [];
  for (const kid of table.kids) {
    if (kid.std === 'TR') rows.push(kid);
    else if (kid.std === 'THead' || kid.std === 'TBody' || kid.std === 'TFoot') rows.push(...kid.kids.filter((k) => k.std === 'TR'));
  }
  const cells = rows.flatMap((r) => r.kids.filter((k) => k.std === 'TH' || k.std === 'TD'));

  // Regularity: cells per row after spans, carrying row spans down.
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
  if (new Set(widths).size > 1 || overhang) {
    out.push({ rule: '7.2-15', ...at(table), message: `irregular table: rows have ${widths.join(', ')} cells${overhang ? ' and a RowSpan runs past the last row' : ''}` });
  }

  // Header association: Scope on every TH, or Headers/ID throughout.
  const ids = new Set(cells.flatMap((c) => (c.id !== undefined ? [c.id] : [])));
  const headersOf = (cell: StructElem): string[] | undefined => {
    const value = tableAttribute(ctx, cell, 'Headers');
    if (!(value instanceof PDFArray)) return undefined;
    return items(ctx.model.context, value).flatMap((v) => {
      const bytes = bytesValue(v);
      return bytes ? [bytesToLatin1(bytes)] : [];
    });
  };
  const unscoped = cells.filter((c) => c.std === 'TH' && !(tableAttribute(ctx, c, 'Scope') instanceof PDFName));
  if (unscoped.length > 0) {
    const tds = cells.filter((c) => c.std === 'TD');
    const byHeaders = tds.length > 0 && tds.every((td) => (headersOf(td)?.length ?? 0) > 0) && unscoped.every((th) => th.id !== undefined);
    if (!byHeaders) {
      out.push({ rule: '7.5-1', ...at(table), count: unscoped.length, message: 'TH without /Scope in a table not organised by Headers and IDs' });
    }
  }
  for (const cell of cells) {
    if (cell.std !== 'TD') continue;
    const unknown = (headersOf(cell) ?? []).filter((h) => !ids.has(h));
    if (unknown.length > 0) out.push({ rule: '7.5-2', ...at(cell), message: `TD Headers name unknown cell IDs: ${unknown.join(', ')}` });
  }
}

export function checkListsAndTables(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const elem of ctx.tree.elements) {
    checkLists(elem, out);
    checkTableParts(elem, out);
    if (elem.std === 'Table') checkTable(ctx, elem, out);
  }
  return out;
}
