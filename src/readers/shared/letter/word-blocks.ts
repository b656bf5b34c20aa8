/**
 * Blocks only a Word document brings: headings by style, lists with Word's own numbering, tables
 * and pictures, and the captions that belong to them. The text rules (`blocks.ts`) run on
 * whatever is not one of these.
 */
import type { Block, Heading, Image, Inline, List, ListItem, Table, TableCell } from '../../../model/ast.js';
import type { ParseContext } from './context.js';
import { NUMBERED_HEADING } from './patterns.js';
import { nextNonBlank, trimmedRange, type RichImage, type RichTable, type SourceLine } from './source-line.js';

// ---------------------------------------------------------------- headings

/**
 * A paragraph in a Word heading style: Heading 1 is a section of the letter (level 2, under the
 * Betreft line), Heading 2 one below. A number Word adds (a numbered heading style) is part of the
 * heading, as in the text export; a number typed in the text is recognised as the text rules do.
 */
export function wordHeading(l: SourceLine, ctx: ParseContext): Block[] {
  const rich = l.rich!;
  const id = ctx.nextId();
  const content = ctx.contentOf(l, ...trimmedRange(l.text));
  const heading: Heading = { type: 'heading', id, line: l.n, level: (rich.headingLevel ?? 1) + 1, content };
  if (rich.list) {
    heading.number = rich.list.marker.replace(/[.)]$/u, '');
    content.unshift({ type: 'text', text: `${rich.list.marker} `, line: l.n });
  } else {
    const numbered = NUMBERED_HEADING.exec(l.text.trim());
    if (numbered?.groups) heading.number = numbered.groups.num!;
  }
  return [heading];
}

// ---------------------------------------------------------------- lists

interface OpenList { list: List; level: number; key: string }

function newList(l: SourceLine, id: string): List {
  const m = l.rich!.list!;
  return { type: 'list', id, line: l.n, ordered: m.ordered, style: m.style, suffix: m.suffix, start: m.ordered ? m.value : 1, items: [] };
}

/** The next line that continues the list: list paragraphs, across empty paragraphs between items. */
function continues(lines: readonly SourceLine[], i: number, rootKey: string): number | undefined {
  const j = nextNonBlank(lines, i);
  const m = lines[j]?.rich?.list;
  if (!m || lines[j]!.rich!.headingLevel !== undefined) return undefined;
  // A new numbering at the outer level is a new list (Word restarts it); nested levels are the
  // same list whatever numbering instance they use (pandoc gives every nested list its own).
  return m.level === 0 && m.key !== rootKey ? undefined : j;
}

/**
 * A Word list: consecutive list paragraphs, nested by their level, each item with the marker Word
 * shows. Items skip levels only by nesting one deeper at a time, as the model nests lists in items.
 */
export function parseWordList(lines: readonly SourceLine[], start: number, ctx: ParseContext): { list: List; end: number } {
  const first = lines[start]!;
  const rootKey = first.rich!.list!.key;
  const root: OpenList = { list: newList(first, ctx.nextId()), level: first.rich!.list!.level, key: rootKey };
  const stack: OpenList[] = [root];
  let i = start;
  for (let j = continues(lines, i, rootKey); j !== undefined; j = continues(lines, i, rootKey)) {
    const l = lines[j]!;
    const m = l.rich!.list!;
    while (stack.length > 1 && m.level < stack.at(-1)!.level) stack.pop();
    let top = stack.at(-1)!;
    if (m.level > top.level && top.list.items.length > 0) {
      const parent = top.list.items.at(-1)!;
      if (parent.children) {
        top = { list: parent.children, level: m.level, key: m.key };
      } else {
        const child = newList(l, ctx.nextId());
        parent.children = child;
        top = { list: child, level: m.level, key: m.key };
      }
      stack.push(top);
    }
    const item: ListItem = { marker: m.marker, content: ctx.contentOf(l, ...trimmedRange(l.text)), line: l.n };
    top.list.items.push(item);
    if (l.rich!.images) ctx.sink.warn(l.n, 'image-in-list', 'a picture inside a list item is left out: put it in a paragraph of its own');
    i = j + 1;
  }
  return { list: root.list, end: i };
}

// ---------------------------------------------------------------- tables and pictures

function cellContent(p: SourceLine, ctx: ParseContext): Inline[] {
  if (p.rich?.block?.kind === 'image' || p.rich?.images) {
    ctx.sink.warn(p.n, 'image-in-table', 'a picture inside a table cell is left out: a cell holds text only');
  }
  if (p.rich?.block?.kind === 'image') return [];
  return ctx.contentOf(p, ...trimmedRange(p.text));
}

function table(l: SourceLine, t: RichTable, ctx: ParseContext, caption: Inline[] | undefined): Table {
  const id = ctx.nextId();
  // Word keeps a table title with the table itself (Table Properties → Alt Text); it is the caption
  // when no caption paragraph stands next to the table.
  const title = caption ?? (t.title ? ctx.inlines(t.title, l.n) : undefined);
  return {
    type: 'table', id, line: l.n,
    ...(title && title.length ? { caption: title } : {}),
    headerRows: t.headerRows, columns: t.columns,
    rows: t.rows.map((r) => ({
      line: r.n,
      cells: r.cells.map((c): TableCell => {
        const paragraphs = c.paragraphs.map((p) => cellContent(p, ctx));
        // Empty paragraphs only space a cell out; a cell keeps at least one (possibly empty) paragraph.
        const content = paragraphs.filter((p) => p.length > 0);
        return {
          line: r.n, header: c.header, ...(c.scope ? { scope: c.scope } : {}),
          colSpan: c.colSpan, rowSpan: c.rowSpan, content: content.length ? content : [[]],
        };
      }),
    })),
  };
}

function image(l: SourceLine, img: RichImage, ctx: ParseContext, caption: Inline[] | undefined): Image {
  if (!img.decorative && img.alt.trim() === '') {
    ctx.sink.warn(l.n, 'image-without-alt',
      `a picture has no alternative text (${ctx.sink.unit} ${l.n}): describe it in Word (right-click → View Alt Text), or mark it as decorative there`);
  }
  return {
    type: 'image', id: ctx.nextId(), line: l.n, alt: img.decorative ? '' : img.alt.trim(),
    ...(img.decorative ? { decorative: true } : {}),
    ...(img.data ? { data: img.data } : {}),
    ...(caption && caption.length ? { caption } : {}),
  };
}

/** The table or picture a Word paragraph stands for, with its caption. */
export function richBlocks(l: SourceLine, ctx: ParseContext, caption?: Inline[]): Block[] {
  const block = l.rich?.block;
  if (!block) return [];
  return [block.kind === 'table' ? table(l, block, ctx, caption) : image(l, block, ctx, caption)];
}

/**
 * Where the caption paragraph at `i` belongs: the table or picture right after it (its index), the
 * table or picture just published before it (`previous`), or nowhere (a paragraph like any other).
 * A caption that says what it captions (its style or SEQ field) looks for that kind first.
 */
export function captionTarget(lines: readonly SourceLine[], i: number, previous: Block | undefined): number | 'previous' | undefined {
  const kind = lines[i]!.rich!.caption!;
  const j = nextNonBlank(lines, i + 1);
  const next = lines[j]?.rich?.block?.kind;
  const prevFree = (previous?.type === 'table' || previous?.type === 'image') && previous.caption === undefined ? previous.type : undefined;
  const order: Array<['next' | 'previous', 'table' | 'image']> = kind === 'image'
    ? [['previous', 'image'], ['next', 'image']]
    : kind === 'table'
      ? [['next', 'table'], ['previous', 'table']]
      : [['next', 'table'], ['previous', 'table'], ['previous', 'image'], ['next', 'image']];
  for (const [where, what] of order) {
    if (where === 'next' && next === what) return j;
    if (where === 'previous' && prevFree === what) return 'previous';
  }
  return undefined;
}
