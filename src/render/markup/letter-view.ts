/**
 * The view model the Handlebars partials render: the letter's AST reshaped for templates, with
 * every decision a template cannot make well taken here once (heading levels without gaps, which
 * links are safe, how a note call and its back-links are named), so HTML and EPUB agree.
 */
import type {
  Block, Inline, Letter, List, ListStyle, Note, NoteKind, QaAnnex, QaPart, TextLine,
} from '../../model/ast.js';
import { HeadingLevels } from '../heading-levels.js';
import type { RenderInput } from '../types.js';
import type { StringLookup } from './strings.js';

// ---------------------------------------------------------------- view types

export interface TextView { type: 'text'; text: string }
export interface LinkView { type: 'link'; href: string; text: string }
export interface NoteRefView {
  type: 'noteRef';
  kind: NoteKind;
  /** `#fn-1`. */
  href: string;
  /** Unique id of the call, the target of its back-link. */
  id: string;
  /** What the reader sees: `1` (set as superscript) or `[1]`. */
  label: string;
  /** Accessible name: `Voetnoot 1`, `Bron 1` (contains the visible number). */
  ariaLabel: string;
  footnote: boolean;
}
export type InlineView = TextView | LinkView | NoteRefView;
/** One line of a multi-line block (address, field value, signature). */
export type LineView = InlineView[];

export interface ParagraphView { type: 'paragraph'; id: string; content: InlineView[] }
export interface HeadingView { type: 'heading'; id: string; level: number; content: InlineView[] }
export interface ListItemView { content: InlineView[]; children?: ListView }
export interface ListView {
  type: 'list';
  id: string;
  ordered: boolean;
  start: number;
  /** HTML `type` attribute of an `ol` (`1`, `a`, `A`, `i`): the numbering survives without CSS. */
  typeAttr: string;
  /** CSS classes for the marker: style and suffix (`list-decimal list-paren`, `list-dash`). */
  className: string;
  items: ListItemView[];
}
export interface ImageView { type: 'image'; id: string; alt: string }
export type BlockView = ParagraphView | HeadingView | ListView | ImageView;

export interface QaPartView {
  id: string;
  question: boolean;
  /** The label exactly as written. */
  label: string;
  level: number;
  content: BlockView[];
}

export interface AnnexView {
  id: string;
  headingId: string;
  /** The annex title as written, or the theme's generic title when the letter has none. */
  title: InlineView[];
  intro: BlockView[];
  parts: QaPartView[];
}

export interface BacklinkView {
  href: string;
  /** Visible text: the back arrow, numbered when the note is called more than once. */
  text: string;
  ariaLabel: string;
}

export interface NoteView {
  id: string;
  kind: NoteKind;
  label: string;
  /** Accessible name (`Voetnoot 1`, `Bron 1`), the same as its calls': every note is named apart. */
  ariaLabel: string;
  content: InlineView[];
  backlinks: BacklinkView[];
}

export interface FieldView { label: string; values: LineView[] }

export interface SignatoryView { id: string; functionLines: LineView[]; name?: LineView }

export interface LetterView {
  lang: string;
  title: string;
  author: string;
  description: string;
  isoDate: string;
  colors: Record<string, string>;
  logo: { alt: string; decorative: boolean };
  organisation: string;
  returnAddress?: LineView;
  addressee: LineView[];
  date: { text: string; iso?: string };
  subject: InlineView[];
  sender: { organisation: LineView; units: LineView[]; address: LineView[] };
  fields: FieldView[];
  salutation?: ParagraphView;
  body: BlockView[];
  closing?: ParagraphView;
  signatories: SignatoryView[];
  annex?: AnnexView;
  footnotes: NoteView[];
  sources: NoteView[];
  hasNotes: boolean;
}

// ---------------------------------------------------------------- building

/** Only these schemes become links; the parser already guarantees it, the renderer does not rely on that. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s<>"]+$/iu;

export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href);
}

class ViewBuilder {
  private readonly noteIds: Set<string>;

  constructor(letter: Letter, private readonly t: StringLookup) {
    this.noteIds = new Set(letter.notes.map((n) => n.id));
  }

  inlines(content: readonly Inline[]): InlineView[] {
    const out: InlineView[] = [];
    const pushText = (text: string): void => {
      const prev = out.at(-1);
      if (prev?.type === 'text') prev.text += text;
      else out.push({ type: 'text', text });
    };
    for (const node of content) {
      if (node.type === 'text') pushText(node.text);
      else if (node.type === 'link') {
        if (isSafeHref(node.href)) out.push({ type: 'link', href: node.href, text: node.text });
        else pushText(node.text);
      } else if (!this.noteIds.has(node.noteId)) {
        // A call without a note: keep what the reader saw, never a link that goes nowhere.
        pushText(node.label);
      } else {
        const number = node.label.replace(/^\[|\]$/gu, '');
        out.push({
          type: 'noteRef', kind: node.kind, href: `#${node.noteId}`, id: node.refId, label: node.label,
          ariaLabel: this.t(node.kind === 'footnote' ? 'noteRefFootnote' : 'noteRefSource', { number }),
          footnote: node.kind === 'footnote',
        });
      }
    }
    return out;
  }

  line(l: TextLine): LineView {
    return this.inlines(l.content.length > 0 ? l.content : [{ type: 'text', text: l.text, line: l.line }]);
  }

  blocks(blocks: readonly Block[], levels: HeadingLevels, shift: number): BlockView[] {
    return blocks.map((b): BlockView => {
      switch (b.type) {
        case 'paragraph':
          return { type: 'paragraph', id: b.id, content: this.inlines(b.content) };
        case 'heading':
          return { type: 'heading', id: b.id, level: levels.next(b.level + shift), content: this.inlines(b.content) };
        case 'list':
          return this.list(b);
        case 'image':
          return { type: 'image', id: b.id, alt: b.alt };
      }
    });
  }

  list(list: List): ListView {
    const marker = list.items[0]?.marker ?? '';
    return {
      type: 'list',
      id: list.id,
      ordered: list.ordered,
      start: list.start,
      typeAttr: TYPE_ATTR[list.style],
      className: listClass(list.style, list.suffix, marker),
      items: list.items.map((item) => ({
        content: this.inlines(item.content),
        ...(item.children ? { children: this.list(item.children) } : {}),
      })),
    };
  }

  annex(annex: QaAnnex): AnnexView {
    // Annex title h2; intro headings below it; each question/answer label h3; headings in a part h4+.
    const introLevels = new HeadingLevels(2);
    const parts = annex.parts.map((p: QaPart): QaPartView => ({
      id: p.id,
      question: p.type === 'question',
      label: p.label,
      level: 3,
      content: this.blocks(p.content, new HeadingLevels(3), 2),
    }));
    return {
      id: annex.id,
      headingId: annex.title?.id ?? `${annex.id}-titel`,
      title: annex.title ? this.inlines(annex.title.content) : [{ type: 'text', text: this.t('questionsAndAnswers') }],
      intro: this.blocks(annex.intro, introLevels, 1),
      parts,
    };
  }

  note(note: Note): NoteView {
    const number = String(note.number);
    const back = this.t(note.kind === 'footnote' ? 'backlinkFootnote' : 'backlinkSource', { number });
    const symbol = this.t('backlinkSymbol');
    const total = note.refIds.length;
    return {
      id: note.id,
      kind: note.kind,
      label: note.label,
      ariaLabel: this.t(note.kind === 'footnote' ? 'noteRefFootnote' : 'noteRefSource', { number }),
      content: this.inlines(note.content),
      backlinks: note.refIds.map((refId, i) => ({
        href: `#${refId}`,
        text: total > 1 ? `${symbol}${i + 1}` : symbol,
        ariaLabel: total > 1 ? this.t('backlinkNth', { back, n: i + 1, total }) : back,
      })),
    };
  }
}

const TYPE_ATTR: Record<ListStyle, string> = {
  bullet: '', decimal: '1', 'lower-alpha': 'a', 'upper-alpha': 'A', 'lower-roman': 'i',
};

function listClass(style: ListStyle, suffix: string, marker: string): string {
  if (style === 'bullet') return /^[-–—]$/u.test(marker) ? 'list-dash' : 'list-disc';
  return `list-${style}${suffix === ')' ? ' list-paren' : ''}`;
}

/** The whole letter as the partials see it. `t` resolves UI strings (theme first, then markup.json). */
export function buildLetterView(input: RenderInput, t: StringLookup): LetterView {
  const { letter, meta, theme } = input;
  const b = new ViewBuilder(letter, t);
  // The Betreft line is h1; body headings follow without gaps.
  const bodyLevels = new HeadingLevels(1);
  const alt = letter.logo?.alt.trim() ?? '';
  const notes = letter.notes.map((n) => b.note(n));
  return {
    lang: letter.lang,
    title: meta.title,
    author: meta.author,
    description: meta.description,
    isoDate: meta.isoDate,
    colors: { ...theme.data.colors },
    logo: { alt, decorative: alt === '' },
    organisation: letter.sender.organisation.text,
    ...(letter.returnAddress ? { returnAddress: b.line(letter.returnAddress) } : {}),
    addressee: letter.addressee.map((l) => b.line(l)),
    date: { text: letter.date.text, ...(letter.date.iso ? { iso: letter.date.iso } : {}) },
    subject: b.line(letter.subject),
    sender: {
      organisation: b.line(letter.sender.organisation),
      units: letter.sender.units.map((l) => b.line(l)),
      address: letter.sender.address.map((l) => b.line(l)),
    },
    fields: letter.fields.map((f) => ({ label: f.label, values: f.values.map((v) => b.line(v)) })),
    ...(letter.salutation ? { salutation: { type: 'paragraph', id: letter.salutation.id, content: b.inlines(letter.salutation.content) } } : {}),
    body: b.blocks(letter.body, bodyLevels, 0),
    ...(letter.closing ? { closing: { type: 'paragraph', id: letter.closing.id, content: b.inlines(letter.closing.content) } } : {}),
    signatories: letter.signatories.map((s) => ({
      id: s.id,
      functionLines: s.functionLines.map((l) => b.line(l)),
      ...(s.name ? { name: b.line(s.name) } : {}),
    })),
    ...(letter.annex ? { annex: b.annex(letter.annex) } : {}),
    footnotes: notes.filter((n) => n.kind === 'footnote'),
    sources: notes.filter((n) => n.kind === 'source'),
    hasNotes: notes.length > 0,
  };
}
