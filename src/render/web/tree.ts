/**
 * The letter as a typed HTML tree (hast), shared by the HTML page and the EPUB. One function per
 * node kind turns the model into elements; the accessibility markup (landmarks, note roles and
 * names, back-links, `epub:type`s) is decided here, once, so both formats agree. Serialising is the
 * writers' last step (`serialize.ts`); the EPUB first transforms the tree (chunks, links, page
 * markers) without ever reading markup back.
 */
import type { Element, ElementContent } from 'hast';
import { h, s } from 'hastscript';
import type { Block, Image, Inline, Letter, List, ListStyle, Mark, Note, NoteKind, Paragraph, QaAnnex, QaPart, Signatory, Table, TableCell, TextLine } from '../../model/ast.js';
import type { RunPath } from '../../model/page-starts.js';
import { qaGroups } from '../../model/qa.js';
import { walkLetter } from '../../model/visit.js';
import { qaPartNames, type PartNames } from '../outline.js';
import type { RenderInput } from '../types.js';
import type { Theme } from '../theme.js';

/** What a table of contents calls a heading, when not its text (`outline.ts`). */
const navLabels = new WeakMap<Element, string>();

export function navLabelOf(heading: Element): string | undefined {
  return navLabels.get(heading);
}

export interface TreeOptions {
  /** Add `epub:type` next to the ARIA roles (EPUB content documents). */
  epub: boolean;
  /**
   * Called with each run of inline text a page can start in (a paragraph, a list item, a line of
   * a signature) and the node it belongs to; returns the children to use. The EPUB puts its page
   * markers in this way, while the tree is built.
   */
  decorateRun?: (id: string, run: RunPath, children: ElementContent[]) => ElementContent[];
  /** Where an image's picture comes from: a data: URI in the HTML page, a file of the book in the EPUB. */
  imageSrc: (image: Image & { data: NonNullable<Image['data']> }) => string;
}

/** The parts of a letter, in reading order, each its own element so a writer can arrange them. */
export interface LetterTree {
  masthead: Element;
  letterhead: Element;
  reference: Element;
  body: Element;
  annex?: Element;
  /** The notes section holding the notes `keep` selects (all by default); undefined when none. */
  notes(keep?: (noteId: string) => boolean): Element | undefined;
}

/** Only these schemes become links; the readers guarantee it already, the writers do not rely on that. */
const SAFE_HREF = /^(?:https?:\/\/|mailto:)[^\s<>"]+$/iu;

export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href);
}

/** Wraps inline content in `<strong>`/`<em>` for its marks (strong outside, emphasis inside). */
function marked(node: ElementContent, marks: readonly Mark[] | undefined): ElementContent {
  let out = node;
  if (marks?.includes('emphasis')) out = h('em', [out]);
  if (marks?.includes('strong')) out = h('strong', [out]);
  return out;
}

const TYPE_ATTR: Record<ListStyle, string> = {
  bullet: '', decimal: '1', 'lower-alpha': 'a', 'upper-alpha': 'A', 'lower-roman': 'i',
};

/** Bullets by nesting level (`bulletCss`); numbered lists by their style and suffix. */
function listClass(style: ListStyle, suffix: string, depth: number): string[] {
  if (style === 'bullet') return ['list-bullet', `list-level-${depth + 1}`];
  return [`list-${style}`, ...(suffix === ')' ? ['list-paren'] : [])];
}

/** The house style's bullets per level as CSS, for the HTML page and the EPUB stylesheet. */
export function bulletCss(theme: Theme): string {
  const escape = (text: string): string => [...text].map((c) => `\\${c.codePointAt(0)!.toString(16)} `).join('').trimEnd();
  return theme.data.lists.bullets
    .map((bullet, i) => `ul.list-level-${i + 1}${i === theme.data.lists.bullets.length - 1 ? `, ul.list-level-${i + 1} ul` : ''} { list-style-type: "${escape(bullet)}\\a0\\a0"; }`)
    .join('\n');
}

/** The id of the notes section, the target of the notes landmark. */
export const NOTES_ID = 'notes';
/** The id of the letterhead, where the letter (and page 1) begins. */
export const LETTERHEAD_ID = 'letterhead';
const FOOTNOTES_HEADING_ID = 'noten-voetnoten';
const SOURCES_HEADING_ID = 'noten-bronnen';
const REFERENCE_HEADING_ID = 'kenmerken-titel';
const LOGO_TITLE_ID = 'logo-titel';

/** The id of a question's or answer's heading. */
export function partHeadingId(part: QaPart): string {
  return `${part.id}-kop`;
}

/** The id of the annex heading (its title's block id, or one made from the annex's). */
export function annexHeadingId(annex: QaAnnex): string {
  return annex.title?.id ?? `${annex.id}-titel`;
}

class TreeBuilder {
  private readonly t: Theme['t'];

  constructor(private readonly input: RenderInput, private readonly options: TreeOptions) {
    this.t = input.theme.t;
  }

  private tableNumbers: Map<string, number> | undefined;

  /** A table's number among the letter's tables, in reading order. */
  private tableNumber(table: Table): number {
    if (!this.tableNumbers) {
      const ids: string[] = [];
      walkLetter(this.input.letter, { node: (n) => { if (n.type === 'table') ids.push(n.id); } }, { notes: false, letterhead: false });
      this.tableNumbers = new Map(ids.map((id, i) => [id, i + 1]));
    }
    return this.tableNumbers.get(table.id) ?? 0;
  }

  private epubType(value: string): Record<string, string> {
    return this.options.epub ? { 'epub:type': value } : {};
  }

  private run(id: string, run: RunPath, children: ElementContent[]): ElementContent[] {
    return this.options.decorateRun ? this.options.decorateRun(id, run, children) : children;
  }

  // ------------------------------------------------------------ inline content

  noteRef(node: Inline & { type: 'noteRef' }): Element {
    const number = node.label.replace(/^\[|\]$/gu, '');
    const footnote = node.kind === 'footnote';
    const a = h('a', {
      className: ['noteref', footnote ? 'noteref-footnote' : 'noteref-source'],
      href: `#${node.noteId}`,
      id: node.refId,
      role: 'doc-noteref',
      ...this.epubType('noteref'),
      ariaLabel: this.t(footnote ? 'noteRefFootnote' : 'noteRefSource', { number }),
    }, node.label);
    return footnote ? h('sup', { className: ['noteref-sup'] }, a) : a;
  }

  inlines(content: readonly Inline[]): ElementContent[] {
    const out: ElementContent[] = [];
    const push = (node: ElementContent): void => {
      const prev = out.at(-1);
      if (node.type === 'text' && prev?.type === 'text') prev.value += node.value;
      else out.push(node);
    };
    for (const node of content) {
      if (node.type === 'text') push(marked({ type: 'text', value: node.text }, node.marks));
      else if (node.type === 'link') {
        push(marked(isSafeHref(node.href) ? h('a', { href: node.href }, node.text) : { type: 'text', value: node.text }, node.marks));
      } else if (node.type === 'break') push(h('br'));
      else push(this.noteRef(node));
    }
    return out;
  }

  /** Lines of an address, field or signature: their inline content separated by `<br>`. */
  lines(lines: readonly TextLine[]): ElementContent[] {
    const out: ElementContent[] = [];
    lines.forEach((l, i) => {
      if (i > 0) out.push(h('br'));
      out.push(...this.inlines(l.content));
    });
    return out;
  }

  // ------------------------------------------------------------ blocks

  paragraph(p: Paragraph, className?: string): Element {
    return h('p', { id: p.id, ...(className ? { className: [className] } : {}) }, this.run(p.id, { in: 'paragraph' }, this.inlines(p.content)));
  }

  list(list: List, rootId = list.id, path: number[] = []): Element {
    const items = list.items.map((item, i) => {
      const indices = [...path, i];
      const children: ElementContent[] = this.run(rootId, { in: 'item', indices }, this.inlines(item.content));
      if (item.children) children.push(this.list(item.children, rootId, indices));
      return h('li', children);
    });
    const props = { id: list.id, className: listClass(list.style, list.suffix, path.length) };
    return list.ordered
      ? h('ol', { ...props, start: list.start, type: TYPE_ATTR[list.style] }, items)
      : h('ul', props, items);
  }

  block(b: Block): Element {
    switch (b.type) {
      case 'paragraph':
        return this.paragraph(b);
      case 'heading':
        return h(`h${b.level}`, { id: b.id }, this.inlines(b.content));
      case 'list':
        return this.list(b);
      case 'image':
        return this.image(b);
      case 'table':
        return this.table(b);
    }
  }

  /**
   * A picture as a figure (its caption below it); decorative ones with `alt=""`. Without a picture
   * (the text export only names it) the description is published as text.
   */
  image(img: Image): Element {
    if (!img.data) {
      return h('p', { className: ['image-placeholder'], id: img.id }, [h('span', { className: ['image-label'] }, `${this.t('image')}:`), ` ${img.alt}`]);
    }
    const { data } = img;
    const picture = h('img', {
      src: this.options.imageSrc({ ...img, data }),
      alt: img.decorative ? '' : img.alt,
      width: Math.round(data.widthPt ?? data.width * 0.75),
      height: Math.round(data.heightPt ?? data.height * 0.75),
      ...(img.decorative ? { role: 'presentation' } : {}),
    });
    return h('figure', { className: ['figure'], id: img.id }, [picture, ...(img.caption ? [h('figcaption', this.inlines(img.caption))] : [])]);
  }

  private cell(table: Table, row: number, index: number, cell: TableCell): Element {
    const paragraphs = cell.content.map((p, paragraph) => this.run(table.id, { in: 'cell', row, cell: index, paragraph }, this.inlines(p)));
    const children: ElementContent[] = paragraphs.length === 1 ? paragraphs[0]! : paragraphs.map((p) => h('p', p));
    return h(cell.header ? 'th' : 'td', {
      ...(cell.header && cell.scope ? { scope: cell.scope } : {}),
      ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
      ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    }, children);
  }

  /**
   * A data table in a focusable scroll region: at 320 px a wide table scrolls inside its region,
   * the page does not, and the cells keep their headers (no re-layout that drops table semantics).
   */
  table(table: Table): Element {
    const captionId = `${table.id}-bijschrift`;
    const rows = table.rows.map((r, i) => h('tr', r.cells.map((c, k) => this.cell(table, i, k, c))));
    const head = rows.slice(0, table.headerRows);
    const body = rows.slice(table.headerRows);
    const element = h('table', { id: table.id, className: ['table'] }, [
      ...(table.caption ? [h('caption', { id: captionId }, this.inlines(table.caption))] : []),
      ...(head.length ? [h('thead', head)] : []),
      h('tbody', body),
    ]);
    return h('div', {
      className: ['table-region'], role: 'region', tabIndex: 0,
      // Every region needs a name of its own: a table without a caption is named by its number.
      ...(table.caption ? { ariaLabelledBy: captionId } : { ariaLabel: this.t('tableNumbered', { n: this.tableNumber(table) }) }),
    }, element);
  }

  signatory(s: Signatory): Element {
    const decorated = (line: number, l: TextLine): ElementContent[] => this.run(s.id, { in: 'line', line }, this.inlines(l.content));
    const fn: ElementContent[] = [];
    s.functionLines.forEach((l, i) => {
      if (i > 0) fn.push(h('br'));
      fn.push(...decorated(i, l));
    });
    return h('div', { className: ['signature'], id: s.id }, [
      h('p', { className: ['signature-function'] }, fn),
      ...(s.name ? [h('p', { className: ['signature-name'] }, decorated(s.functionLines.length, s.name))] : []),
    ]);
  }

  // ------------------------------------------------------------ the parts of a letter

  masthead(letter: Letter): Element {
    const alt = letter.logo?.alt.trim() ?? '';
    const colors = this.input.theme.data.colors;
    const svgProps = alt === ''
      ? { ariaHidden: 'true' }
      : { role: 'img', ariaLabelledBy: LOGO_TITLE_ID };
    const band = s('svg', { className: ['band'], xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 130 371', width: 52, height: 148, ...svgProps }, [
      ...(alt === '' ? [] : [s('title', { id: LOGO_TITLE_ID }, alt)]),
      s('rect', { width: 130, height: 371, fill: colors.band }),
    ]);
    return h('header', { className: ['masthead'] }, [
      h('div', { className: ['emblem'] }, band),
      h('p', { className: ['wordmark'] }, letter.sender.organisation.text),
    ]);
  }

  letterhead(letter: Letter): Element {
    const date = letter.date.iso ? h('time', { dateTime: letter.date.iso }, letter.date.text) : letter.date.text;
    return h('div', { className: ['letterhead'], id: LETTERHEAD_ID }, [
      ...(letter.returnAddress ? [h('p', { className: ['return-address'] }, this.inlines(letter.returnAddress.content))] : []),
      h('p', { className: ['addressee'] }, [h('span', { className: ['visually-hidden'] }, `${this.t('addressee')}: `), ...this.lines(letter.addressee)]),
      h('dl', { className: ['dateline'] }, [
        h('div', { className: ['dateline-row'] }, [h('dt', this.t('date')), h('dd', [date])]),
        h('div', { className: ['dateline-row'] }, [h('dt', this.t('subject')), h('dd', h('h1', { className: ['subject'] }, this.inlines(letter.subject.content)))]),
      ]),
    ]);
  }

  reference(letter: Letter): Element {
    const { sender, fields } = letter;
    return h('section', { className: ['refcol'], ariaLabelledBy: REFERENCE_HEADING_ID }, [
      h('h2', { className: ['visually-hidden'], id: REFERENCE_HEADING_ID }, this.t('referenceColumn')),
      h('div', { className: ['sender'] }, [
        h('p', { className: ['sender-organisation'] }, this.inlines(sender.organisation.content)),
        ...(sender.units.length ? [h('p', { className: ['sender-units'] }, this.lines(sender.units))] : []),
        ...(sender.address.length ? [h('address', { className: ['sender-address'] }, this.lines(sender.address))] : []),
      ]),
      ...(fields.length
        ? [h('dl', { className: ['fields'] }, fields.map((f) => h('div', { className: ['field'] }, [h('dt', f.label), h('dd', this.lines(f.values))])))]
        : []),
    ]);
  }

  body(letter: Letter): Element {
    return h('div', { className: ['letter-text'] }, [
      ...(letter.salutation ? [this.paragraph(letter.salutation, 'salutation')] : []),
      ...letter.body.map((b) => this.block(b)),
      ...(letter.closing ? [this.paragraph(letter.closing, 'closing')] : []),
      ...letter.signatories.map((sg) => this.signatory(sg)),
    ]);
  }

  part(p: QaPart, names: Map<QaPart, PartNames>): Element {
    const name = names.get(p);
    const heading = h(`h${p.level}`, { className: ['qa-label'], id: partHeadingId(p) }, [
      p.label,
      ...(name?.hiddenSuffix ? [h('span', { className: ['visually-hidden'] }, name.hiddenSuffix)] : []),
    ]);
    if (name) navLabels.set(heading, name.navLabel);
    return h('div', { className: ['qa', p.type === 'question' ? 'qa-question' : 'qa-answer'], id: p.id }, [
      heading,
      ...p.content.map((b) => this.block(b)),
    ]);
  }

  annex(annex: QaAnnex): Element {
    const headingId = annexHeadingId(annex);
    const title = annex.title ? this.inlines(annex.title.content) : [{ type: 'text' as const, value: this.t('questionsAndAnswers') }];
    const names = qaPartNames(annex, this.input.theme);
    // Each question with its answer is one section, named by its first heading.
    const pairs = qaGroups(annex).map((group) => {
      const parts = [...group.questions, ...(group.answer ? [group.answer] : [])];
      return h('section', { className: ['qa-pair'], ariaLabelledBy: partHeadingId(parts[0]!) }, parts.map((p) => this.part(p, names)));
    });
    return h('section', { className: ['annex'], id: annex.id, ariaLabelledBy: headingId }, [
      h(`h${annex.level}`, { className: ['annex-title'], id: headingId }, title),
      ...annex.intro.map((b) => this.block(b)),
      ...pairs,
    ]);
  }

  note(note: Note): Element {
    const number = String(note.number);
    const footnote = note.kind === 'footnote';
    const back = this.t(footnote ? 'backlinkFootnote' : 'backlinkSource', { number });
    const symbol = this.t('backlinkSymbol');
    const total = note.refIds.length;
    const backlinks: ElementContent[] = note.refIds.flatMap((refId, i) => [
      { type: 'text' as const, value: '\u00a0' },
      h('a', {
        className: ['backlink'], href: `#${refId}`, role: 'doc-backlink', ...this.epubType('backlink'),
        ariaLabel: total > 1 ? this.t('backlinkNth', { back, n: i + 1, total }) : back,
      }, total > 1 ? `${symbol}${i + 1}` : symbol),
    ]);
    return h('li', h('aside', {
      className: ['note'], id: note.id, role: 'doc-footnote', ...this.epubType('footnote'),
      ariaLabel: this.t(footnote ? 'noteRefFootnote' : 'noteRefSource', { number }),
    }, [h('span', { className: ['note-label'] }, note.label), ' ', ...this.inlines(note.content), ...backlinks]));
  }

  notes(notes: readonly Note[]): Element | undefined {
    const group = (kind: NoteKind): Note[] => notes.filter((n) => n.kind === kind);
    const footnotes = group('footnote');
    const sources = group('source');
    if (footnotes.length + sources.length === 0) return undefined;
    const labelledBy = [...(footnotes.length ? [FOOTNOTES_HEADING_ID] : []), ...(sources.length ? [SOURCES_HEADING_ID] : [])].join(' ');
    const section = (list: Note[], headingId: string, heading: string, className: string): ElementContent[] =>
      list.length ? [h('h2', { id: headingId }, heading), h('ol', { className: ['notes-list', className] }, list.map((n) => this.note(n)))] : [];
    return h('section', { className: ['notes'], id: NOTES_ID, role: 'doc-endnotes', ...this.epubType('endnotes'), ariaLabelledBy: labelledBy }, [
      ...section(footnotes, FOOTNOTES_HEADING_ID, this.t('footnotes'), 'notes-footnotes'),
      ...section(sources, SOURCES_HEADING_ID, this.t('sources'), 'notes-sources'),
    ]);
  }
}

export function buildLetterTree(input: RenderInput, options: TreeOptions): LetterTree {
  const { letter } = input;
  const b = new TreeBuilder(input, options);
  return {
    masthead: b.masthead(letter),
    letterhead: b.letterhead(letter),
    reference: b.reference(letter),
    body: b.body(letter),
    ...(letter.annex ? { annex: b.annex(letter.annex) } : {}),
    notes: (keep = () => true) => b.notes(letter.notes.filter((n) => keep(n.id))),
  };
}
