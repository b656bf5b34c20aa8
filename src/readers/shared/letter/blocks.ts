/**
 * Body text: paragraphs (one source line each), headings, lists (nested by indentation or by a
 * change of bullet glyph), TAB-separated tables, and image placeholders. A Word paragraph brings
 * more and is believed first: its heading style, its list numbering, its table or picture.
 */
import type { Block, Heading, Inline, List, ListItem, ListStyle } from '../../../model/ast.js';
import { LOGO, BULLET_ITEM, NUMBERED_HEADING, ORDERED_ITEM } from './patterns.js';
import type { ParseContext } from './context.js';
import { parseTable } from './tables.js';
import { captionTarget, parseWordList, richBlocks, wordHeading } from './word-blocks.js';
import { isBlankLine, nextNonBlank, trimmedRange, type SourceLine } from './source-line.js';

/** Past the end counts as blank: a list or heading never continues beyond the lines given. */
const isBlank = (l: SourceLine | undefined): boolean => l === undefined || isBlankLine(l);

// ---------------------------------------------------------------- list items

interface ItemLine {
  indent: number;
  marker: string;
  ordered: boolean;
  /** Bullet glyph, or the ordered style. */
  kind: string;
  style: ListStyle;
  suffix: '.' | ')' | '';
  value: number;
  text: string;
  line: SourceLine;
}

function indentWidth(ws: string): number {
  let w = 0;
  for (const c of ws) w += c === '\t' ? 4 : 1;
  return w;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };
function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

function itemLine(l: SourceLine | undefined, romanHint = false): ItemLine | undefined {
  if (!l) return undefined;
  const b = BULLET_ITEM.exec(l.text);
  if (b?.groups) {
    return {
      indent: indentWidth(b.groups.indent!), marker: b.groups.marker!, ordered: false, kind: b.groups.marker!,
      style: 'bullet', suffix: '', value: 0, text: b.groups.text!, line: l,
    };
  }
  const o = ORDERED_ITEM.exec(l.text);
  if (!o?.groups) return undefined;
  const num = o.groups.num!;
  let style: ListStyle;
  let value: number;
  if (/^\d+$/u.test(num)) { style = 'decimal'; value = Number(num); }
  else if (/^[ivx]+$/u.test(num) && (num.length > 1 || romanHint)) { style = 'lower-roman'; value = romanValue(num); }
  else if (num.length === 1 && /[a-z]/u.test(num)) { style = 'lower-alpha'; value = num.charCodeAt(0) - 96; }
  else if (num.length === 1 && /[A-Z]/u.test(num)) { style = 'upper-alpha'; value = num.charCodeAt(0) - 64; }
  else return undefined;
  const suffix = o.groups.suffix as '.' | ')';
  return {
    indent: indentWidth(o.groups.indent!), marker: o.groups.marker!, ordered: true, kind: `${style}${suffix}`,
    style, suffix, value, text: o.groups.text!, line: l,
  };
}

/**
 * An ordered line only starts a list when the next item follows it (`1.` then `2.`): a lone
 * `A. Jansen heeft …` is a paragraph, a lone `1. Aanleiding` a heading.
 */
function startsOrderedList(lines: readonly SourceLine[], i: number): boolean {
  const first = itemLine(lines[i]);
  if (!first?.ordered) return false;
  const romanStart = first.style === 'lower-alpha' && first.marker.startsWith('i');
  // The next item of the same kind at the same indentation, past nested items: deeper ones, and
  // Word's sub-levels written at the same indentation with another marker (`a.` then `o<TAB>`).
  let j = nextNonBlank(lines, i + 1);
  let next = itemLine(lines[j], romanStart);
  const romanNext = (it: ItemLine): boolean => romanStart && it.style === 'lower-roman';
  const sameLevel = (it: ItemLine): boolean => it.indent === first.indent && (it.kind === first.kind || romanNext(it));
  while (next && next.indent >= first.indent && !sameLevel(next)) {
    j = nextNonBlank(lines, j + 1);
    next = itemLine(lines[j], romanStart);
  }
  if (!next?.ordered) return false;
  if (romanNext(next)) return next.kind === `lower-roman${first.suffix}` && next.value === 2;
  return next.kind === first.kind && next.value === first.value + 1;
}

interface OpenList { list: List; indent: number; kind: string; next: number }

function newList(it: ItemLine, id: string): List {
  return {
    type: 'list', id, line: it.line.n, ordered: it.ordered, style: it.style, suffix: it.suffix,
    start: it.ordered ? it.value : 1, items: [],
  };
}

function parseList(lines: readonly SourceLine[], start: number, ctx: ParseContext): { list: List; end: number } {
  let romanHint = false;
  const first = itemLine(lines[start])!;
  if (first.style === 'lower-alpha' && first.marker.startsWith('i')) {
    const second = itemLine(lines[nextNonBlank(lines, start + 1)], true);
    romanHint = second?.style === 'lower-roman';
  }
  const firstItem = itemLine(lines[start], romanHint)!;
  const root: OpenList = { list: newList(firstItem, ctx.nextId()), indent: firstItem.indent, kind: firstItem.kind, next: firstItem.value };
  const stack: OpenList[] = [root];
  let i = start;

  const accepts = (it: ItemLine): 'top' | 'deeper' | 'pop' | 'nest' | 'stop' => {
    const top = stack.at(-1)!;
    const hasItems = top.list.items.length > 0;
    if (it.indent > top.indent && hasItems) return 'deeper';
    if (it.indent === top.indent && it.kind === top.kind && (!it.ordered || it.value === top.next)) return 'top';
    if (stack.slice(0, -1).some((o) => o.indent === it.indent && o.kind === it.kind && (!it.ordered || it.value === o.next))) return 'pop';
    if (it.indent < top.indent && stack.slice(0, -1).some((o) => o.indent >= it.indent)) return 'pop';
    // Word exports a sub-level at the same indentation with another glyph (`•` then `o`) or style (`1.` then `a.`).
    if (it.indent === top.indent && hasItems && it.kind !== top.kind && !stack.some((o) => o.kind === it.kind) && (!it.ordered || it.value === 1)) return 'nest';
    return 'stop';
  };

  while (i < lines.length) {
    let j = i;
    if (isBlank(lines[i])) {
      j = nextNonBlank(lines, i);
      const peek = itemLine(lines[j], romanHint);
      if (!peek || accepts(peek) === 'stop') break;
    }
    const it = itemLine(lines[j], romanHint);
    if (!it) break;
    const how = accepts(it);
    if (how === 'stop') break;
    if (how === 'pop') {
      while (stack.length > 1) {
        const top = stack.at(-1)!;
        if (top.indent === it.indent && top.kind === it.kind) break;
        if (top.indent < it.indent) break;
        stack.pop();
      }
      const top = stack.at(-1)!;
      if (top.kind !== it.kind || (it.ordered && it.value !== top.next)) break;
    } else if (how === 'deeper' || how === 'nest') {
      const parentItem = stack.at(-1)!.list.items.at(-1)!;
      const child = newList(it, ctx.nextId());
      parentItem.children = child;
      stack.push({ list: child, indent: it.indent, kind: it.kind, next: it.value });
    }
    const top = stack.at(-1)!;
    const item: ListItem = { marker: it.marker, content: ctx.contentOf(it.line, it.line.text.length - it.text.length, it.line.text.length), line: it.line.n };
    top.list.items.push(item);
    top.next = it.value + 1;
    i = j + 1;
  }
  return { list: root.list, end: i };
}

// ---------------------------------------------------------------- headings

function visibleText(text: string): string {
  return text.replace(/\[(?:footnote|endnote)Ref:\s*\d+\s*\]/gu, '').replace(/\[\d+\]/gu, '').trim();
}

/** Short, standalone, capitalised, no sentence punctuation at the end. */
function headingShape(text: string): boolean {
  const t = visibleText(text);
  return t.length > 0 && t.length <= 80 && t.split(/\s+/u).length <= 10
    && /^[\p{Lu}\d]/u.test(t) && !/[.,;:!?…"”’]$/u.test(t) && !/https?:|www\./u.test(t);
}

/**
 * A heading stands after a blank line, or right under another heading (`3.` then `3.1`) or a list
 * (Word drops the blank line there); never right under a paragraph, where a short line is text.
 */
function headingAt(lines: readonly SourceLine[], i: number, ctx: ParseContext, previous: Block | undefined): Heading | undefined {
  const l = lines[i]!;
  const text = l.text.trim();
  // A Word paragraph set entirely in bold stands on its own even without an empty paragraph above it.
  if (i > 0 && !isBlank(lines[i - 1]) && previous?.type !== 'heading' && previous?.type !== 'list' && !l.rich?.allBold) return undefined;
  const after = nextNonBlank(lines, i + 1);
  if (after >= lines.length) return undefined;
  if (itemLine(l) && !NUMBERED_HEADING.test(text)) return undefined;
  const numbered = NUMBERED_HEADING.exec(text);
  if (numbered?.groups) {
    if (!headingShape(numbered.groups.text!) || startsOrderedList(lines, i)) return undefined;
    const num = numbered.groups.num!;
    const depth = num.split('.').length;
    return { type: 'heading', id: ctx.nextId(), line: l.n, level: depth + 1, number: num, content: ctx.contentOf(l, ...trimmedRange(l.text)) };
  }
  if (!headingShape(text) || /^\d/u.test(text)) return undefined;
  return { type: 'heading', id: ctx.nextId(), line: l.n, level: 2, content: ctx.contentOf(l, ...trimmedRange(l.text)) };
}

// ---------------------------------------------------------------- blocks

export interface BlockOptions {
  /** Recognise headings (the letter body); not inside Q&A answers, where `Nee` is an answer. */
  headings: boolean;
}

export function parseBlocks(lines: readonly SourceLine[], ctx: ParseContext, options: BlockOptions): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (isBlank(l)) { i++; continue; }
    if (l.rich) {
      // What Word says about a paragraph comes before what its text looks like.
      const target = l.rich.caption ? captionTarget(lines, i, blocks.at(-1)) : undefined;
      if (target === 'previous') {
        const previous = blocks.at(-1) as Block & { caption?: Inline[] };
        previous.caption = ctx.contentOf(l, ...trimmedRange(l.text));
        i++;
        continue;
      }
      if (target !== undefined) {
        blocks.push(...richBlocks(lines[target]!, ctx, ctx.contentOf(l, ...trimmedRange(l.text))));
        i = target + 1;
        continue;
      }
      if (l.rich.block) { blocks.push(...richBlocks(l, ctx)); i++; continue; }
      if (l.rich.headingLevel !== undefined) { blocks.push(...wordHeading(l, ctx)); i++; continue; }
      if (l.rich.list) {
        const { list, end } = parseWordList(lines, i, ctx);
        blocks.push(list);
        i = end;
        continue;
      }
    }
    const image = LOGO.exec(l.text);
    if (image) {
      const alt = image[1] ?? '';
      if (alt === '') ctx.sink.warn(l.n, 'image-without-alt', 'an image placeholder without a description is left out: there is nothing to publish for it');
      else {
        ctx.sink.warn(l.n, 'image-placeholder', 'the image itself is not in the text export; its description is published as text');
        blocks.push({ type: 'image', id: ctx.nextId(), line: l.n, alt });
      }
      i++;
      continue;
    }
    const table = parseTable(lines, i, ctx, (line) => itemLine(line) !== undefined);
    if (table) {
      blocks.push(table.table);
      i = table.end;
      continue;
    }
    if (options.headings) {
      const heading = headingAt(lines, i, ctx, blocks.at(-1));
      if (heading) { blocks.push(heading); i++; continue; }
    }
    const it = itemLine(l);
    if (it && (!it.ordered || startsOrderedList(lines, i))) {
      const { list, end } = parseList(lines, i, ctx);
      blocks.push(list);
      i = end;
      continue;
    }
    blocks.push(paragraph(l, ctx));
    if (l.rich?.images) blocks.push(...l.rich.images.flatMap((img) => richBlocks({ ...l, rich: { tokens: [], block: img } }, ctx)));
    i++;
  }
  return blocks;
}

export function paragraph(l: SourceLine, ctx: ParseContext): Block & { type: 'paragraph' } {
  const content: Inline[] = ctx.contentOf(l, ...trimmedRange(l.text));
  return { type: 'paragraph', id: ctx.nextId(), line: l.n, content };
}
