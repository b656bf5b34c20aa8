/**
 * Inline content → styled spans for the line breaker, creating the inline structure elements on
 * the way: a web address becomes a `Link` (with its annotation), a note call a
 * `Reference > Link` pointing at the note's named destination.
 */
import type { Inline, Mark, TextLine } from '../../../model/ast.js';
import type { FlowContext } from './flow-types.js';
import type { FontRole, TextSpec } from './layout-config.js';
import type { LinkTarget, RunStyle, Span } from './line-break.js';
import type { Slot, StructNode } from './tags.js';

const styleCache = new WeakMap<FlowContext, Map<string, RunStyle>>();

/** The face for text in `role` with Word's emphasis: bold and italic combine into bold italic. */
export function markedRole(role: FontRole, marks: readonly Mark[] | undefined): FontRole {
  if (!marks?.length) return role;
  const bold = marks.includes('strong') || role === 'bold' || role === 'semibold' || role === 'boldItalic';
  const italic = marks.includes('emphasis') || role === 'italic' || role === 'boldItalic';
  return bold && italic ? 'boldItalic' : bold ? (role === 'semibold' ? 'semibold' : 'bold') : italic ? 'italic' : role;
}

/**
 * One shared style object per distinct look: the line breaker merges neighbouring text into one
 * drawn piece only when the style object is the same.
 */
export function runStyle(ctx: FlowContext, spec: TextSpec, variant: 'plain' | 'link' | 'call' = 'plain', marks?: readonly Mark[]): RunStyle {
  let cache = styleCache.get(ctx);
  if (!cache) {
    cache = new Map();
    styleCache.set(ctx, cache);
  }
  const role = markedRole(spec.font, marks);
  const key = `${role}|${spec.size}|${spec.color}|${variant}`;
  let style = cache.get(key);
  if (!style) {
    const { layout } = ctx;
    if (variant === 'link') {
      style = { role, size: spec.size, color: layout.colors.link, rise: 0, underline: layout.links.underline };
    } else if (variant === 'call') {
      style = {
        role,
        size: spec.size * layout.noteCall.sizeRatio,
        color: spec.color,
        rise: spec.size * layout.noteCall.riseRatio,
        underline: false,
      };
    } else {
      style = { role, size: spec.size, color: spec.color, rise: 0, underline: false };
    }
    cache.set(key, style);
  }
  return style;
}

export interface InlineResult {
  spans: Span[];
  /** Note ids called in this content, in order (every call, not only first calls). */
  calls: string[];
}

/** Keeps text slots in reading order: a new slot after every inline child element. */
class SlotCursor {
  private current: Slot | null = null;
  constructor(readonly owner: StructNode) {}
  text(): Slot {
    this.current ??= this.owner.slot();
    return this.current;
  }
  child(type: 'Link' | 'Reference'): StructNode {
    this.current = null;
    return this.owner.add(type);
  }
}

/** An address as a description names it: whole when short, else its start (the link keeps all of it). */
function shortAddress(address: string): string {
  return address.length <= MAX_DESCRIBED ? address : `${address.slice(0, MAX_DESCRIBED - 1)}…`;
}
const MAX_DESCRIBED = 120;

export function linkTarget(ctx: FlowContext, href: string): LinkTarget {
  const contents = href.startsWith('mailto:')
    ? ctx.theme.t('mailLinkContents', { address: shortAddress(href.slice('mailto:'.length)) })
    : ctx.theme.t('uriLinkContents', { href: shortAddress(href) });
  return { kind: 'uri', href, contents };
}

export function inlineSpans(ctx: FlowContext, content: readonly Inline[], owner: StructNode, spec: TextSpec, cursor = new SlotCursor(owner)): InlineResult {
  const spans: Span[] = [];
  const calls: string[] = [];
  for (const node of content) {
    if (node.type === 'text') {
      if (node.text.length > 0) spans.push({ text: node.text, style: runStyle(ctx, spec, 'plain', node.marks), slot: cursor.text() });
    } else if (node.type === 'break') {
      // Drawn as nothing; the tagged text keeps it as a line end (one character, as in the model).
      spans.push({ text: '\n', style: runStyle(ctx, spec), slot: cursor.text(), hardBreak: true });
    } else if (node.type === 'link') {
      const link = cursor.child('Link');
      // A bare address may wrap at its punctuation; a Word hyperlink's words wrap like words.
      const url = /^(?:https?:|www\.|mailto:)|@|\//iu.test(node.text);
      spans.push({ text: node.text, style: runStyle(ctx, spec, 'link', node.marks), slot: link.slot(), link: linkTarget(ctx, node.href), ...(url ? { url } : {}) });
    } else {
      // Readers resolve every call (model/ast.ts): a call without its note is a bug, not a variant.
      const note = ctx.notes.byId.get(node.noteId);
      if (!note) throw new Error(`PDF: a call of ${node.noteId}, which the letter does not have`);
      const reference = cursor.child('Reference');
      const key = node.kind === 'footnote' ? 'footnoteLinkContents' : 'sourceLinkContents';
      const target: LinkTarget = { kind: 'dest', dest: note.id, contents: ctx.theme.t(key, { label: note.label }) };
      spans.push({
        text: node.label, style: runStyle(ctx, spec, 'call'), slot: reference.add('Link').slot(), link: target, call: node.noteId,
        // Sources are listed at the end of the letter: their entries link back to each call.
        ...(node.kind === 'source' ? { callRef: node.refId } : {}),
      });
      calls.push(node.noteId);
    }
  }
  return { spans, calls };
}

/**
 * Several source lines (an address, a signature) as one element: each line's spans, with a
 * space span at the end of every line but the last so the tagged text keeps the word boundary.
 * The space is one character, like the `\n` that joins lines in the model's plain text.
 */
export function textLinesSpans(
  ctx: FlowContext,
  lines: readonly TextLine[],
  owner: StructNode,
  spec: TextSpec | ((line: number) => TextSpec),
): { perLine: Span[][]; calls: string[] } {
  const cursor = new SlotCursor(owner);
  const perLine: Span[][] = [];
  const calls: string[] = [];
  lines.forEach((line, i) => {
    const look = typeof spec === 'function' ? spec(i) : spec;
    const result = inlineSpans(ctx, line.content, owner, look, cursor);
    if (i < lines.length - 1) result.spans.push({ text: ' ', style: runStyle(ctx, look), slot: cursor.text() });
    perLine.push(result.spans);
    calls.push(...result.calls);
  });
  return { perLine, calls };
}
