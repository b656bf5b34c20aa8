/**
 * mammoth's document tree → the lines the letter rules read. Each paragraph becomes a `SourceLine`
 * whose text is what the text export would write for it (note calls as `[footnoteRef:N]`, a
 * picture alone as `[image: ALT]`) and whose `rich` part is the content itself (marks, links,
 * breaks, note calls, the heading style, the list numbering); a table becomes one line standing
 * for the whole table. Facts mammoth does not keep come from `prepareDocument`, matched by the
 * bookmarks it planted.
 */
import type { Inline, Mark } from '../../model/ast.js';
import { dropForbidden, type Dropped } from '../shared/characters.js';
import type { DiagnosticSink } from '../shared/diagnostics.js';
import { tokenize, type RawToken } from '../shared/inline-tokens.js';
import { projectTokens, sliceTokens } from '../shared/letter/rich-tokens.js';
import type { RichImage, RichTable, RichTableCell, SourceLine } from '../shared/letter/source-line.js';
import { imageData } from './images.js';
import type { MDocument, MImage, MNode, MParagraph, MTable } from './mammoth-document.js';
import type { Numbering } from './numbering.js';
import type { DrawingFacts, ParagraphFacts, PreparedDocument } from './prepare-document.js';
import type { Styles } from './styles.js';

export interface Unit {
  line: SourceLine;
  facts: ParagraphFacts;
}

export interface Body {
  /** Body paragraphs and tables in document order (text boxes taken out). */
  flow: Unit[];
  /** Each text box's paragraphs and tables, by box index. */
  boxes: Map<number, Unit[]>;
  /** Word notes in the order of their first call: what Word numbers them by. */
  calls: Array<{ noteType: 'footnote' | 'endnote'; noteId: string; number: number; n: number }>;
}

interface Pending { image: MImage; facts: DrawingFacts | undefined; n: number }

const PARAGRAPH_MARKER = /^_rp_p_\d+$/u;
const DRAWING_MARKER = /^_rp_d_\d+$/u;

/** Web and mail links only: the model publishes no other kind, and no link into the document. */
function usableHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  return /^(?:https?:|mailto:)/iu.test(h) ? h : undefined;
}

function sameMarks(a: readonly Mark[] | undefined, b: readonly Mark[] | undefined): boolean {
  return (a ?? []).join() === (b ?? []).join();
}

function caption(kind: string | undefined, seq: string | undefined): 'table' | 'image' | 'any' | undefined {
  if (seq) {
    if (/^(?:tabel|table)/iu.test(seq)) return 'table';
    if (/^(?:figuur|figure|afbeelding|illustratie|grafiek|foto)/iu.test(seq)) return 'image';
    return 'any';
  }
  return kind as 'table' | 'image' | 'any' | undefined;
}

export class BodyReader {
  private readonly calls: Body['calls'] = [];
  private readonly callNumber = { footnote: new Map<string, number>(), endnote: new Map<string, number>() };
  private readonly images: Pending[] = [];
  private readonly pictureOf = new Map<MImage, RichImage>();
  /** Paragraphs of table cells (not lines of the letter themselves): their dropped characters are warned about apart. */
  readonly tableLines: SourceLine[] = [];

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly prepared: PreparedDocument,
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  // ------------------------------------------------------------ inline content

  /** Tokens of a paragraph's (or note's) children; pictures are collected apart. */
  private tokens(nodes: readonly MNode[], n: number, marks: Mark[], found: { images: Pending[]; dropped?: Dropped; length: number; drawing?: DrawingFacts[] }, out: RawToken[]): void {
    const pushText = (text: string, m: Mark[]): void => {
      const clean = dropForbidden(text.replace(/\ufeff/gu, ''));
      if (clean.dropped && !found.dropped) found.dropped = { ...clean.dropped, column: found.length + clean.dropped.column };
      if (clean.text === '') return;
      found.length += clean.text.length;
      const prev = out.at(-1);
      const markList = m.length ? [...m] : undefined;
      if (prev?.type === 'text' && sameMarks(prev.marks, markList)) prev.text += clean.text;
      else out.push({ type: 'text', text: clean.text, line: n, ...(markList ? { marks: markList } : {}) });
    };
    for (const node of nodes) {
      switch (node.type) {
        case 'text': pushText(node.value, marks); break;
        case 'tab': pushText('\t', marks); break;
        case 'checkbox': pushText(node.checked ? '☒' : '☐', marks); break;
        case 'break':
          if (node.breakType === 'line') { out.push({ type: 'break', line: n }); found.length += 1; }
          break;
        case 'bookmarkStart':
          if (DRAWING_MARKER.test(node.name)) found.drawing = [...(this.prepared.drawings.get(node.name) ?? [])];
          break;
        case 'run': {
          const m: Mark[] = [...marks];
          const style = (node.styleName ?? '').toLowerCase();
          if ((node.isBold || style === 'strong') && !m.includes('strong')) m.push('strong');
          if ((node.isItalic || style === 'emphasis') && !m.includes('emphasis')) m.push('emphasis');
          this.tokens(node.children, n, m.sort(), found, out);
          break;
        }
        case 'hyperlink': {
          const href = usableHref(node.href);
          const inner: RawToken[] = [];
          this.tokens(node.children, n, marks, found, inner);
          if (!href) { out.push(...inner); break; }
          const text = inner.map((t) => (t.type === 'text' || t.type === 'link' ? t.text : '')).join('');
          const first = inner.find((t) => t.type === 'text');
          const linkMarks = first?.type === 'text' && inner.every((t) => t.type !== 'text' || sameMarks(t.marks, first.marks)) ? first.marks : undefined;
          const prev = out.at(-1);
          // mammoth wraps each run of a HYPERLINK field in a link of its own: join them again.
          if (prev?.type === 'link' && prev.href === href) prev.text += text;
          else if (text !== '') out.push({ type: 'link', href, text, line: n, ...(linkMarks ? { marks: [...linkMarks] } : {}) });
          out.push(...inner.filter((t) => t.type !== 'text' && t.type !== 'link'));
          break;
        }
        case 'noteReference': {
          const numbers = this.callNumber[node.noteType];
          let number = numbers.get(node.noteId);
          if (number === undefined) {
            number = numbers.size + 1;
            numbers.set(node.noteId, number);
            this.calls.push({ noteType: node.noteType, noteId: node.noteId, number, n });
          }
          const raw = node.noteType === 'footnote' ? `[footnoteRef:${number}]` : `[endnoteRef:${number}]`;
          out.push({ type: node.noteType === 'footnote' ? 'footnoteCall' : 'endnoteCall', number, raw, line: n });
          found.length += raw.length;
          break;
        }
        case 'image':
          found.images.push({ image: node, facts: found.drawing?.shift(), n });
          break;
        case 'paragraph':
          this.tokens(node.children, n, marks, found, out);
          break;
        default:
          break;
      }
    }
  }

  /**
   * Web and e-mail addresses and `[N]` source calls in plain text become links and calls, as in
   * the text export; text inside a Word hyperlink is left alone.
   */
  private addressesAndSources(tokens: readonly RawToken[], n: number, notes: boolean): RawToken[] {
    const out: RawToken[] = [];
    for (const t of tokens) {
      if (t.type !== 'text') { out.push(t); continue; }
      for (const piece of tokenize(t.text, n, notes)) {
        if (piece.type === 'footnoteCall' && !notes) continue;
        out.push(t.marks && (piece.type === 'text' || piece.type === 'link') ? { ...piece, marks: [...t.marks] } : piece);
      }
    }
    return out;
  }

  // ------------------------------------------------------------ paragraphs

  private markerOf(p: MParagraph): string | undefined {
    for (const c of p.children) if (c.type === 'bookmarkStart' && PARAGRAPH_MARKER.test(c.name)) return c.name;
    return undefined;
  }

  private paragraph(p: MParagraph): Unit {
    const marker = this.markerOf(p);
    const facts: ParagraphFacts = (marker ? this.prepared.paragraphs.get(marker) : undefined) ?? { block: 1, pageField: false };
    const n = facts.block;
    const found: { images: Pending[]; dropped?: Dropped; length: number; drawing?: DrawingFacts[] } = { images: [], length: 0 };
    const raw: RawToken[] = [];
    this.tokens(p.children, n, [], found, raw);
    let tokens = this.addressesAndSources(raw, n, true);
    const text0 = projectTokens(tokens);
    const end = text0.replace(/\s+$/u, '').length;
    if (end < text0.length) tokens = sliceTokens(tokens, 0, end);
    let text = projectTokens(tokens);
    const styleId = facts.styleId ?? p.styleId ?? undefined;
    const headingLevel = this.styles.headingLevel(styleId, facts.outlineLevel);
    const num = facts.numbering ?? this.styles.numbering(styleId);
    const list = num ? this.numbering.next(num.numId, num.ilvl ?? this.styles.numbering(styleId)?.ilvl ?? 0) : undefined;
    const pictures = found.images.map((pending) => this.picture(pending));
    const visible = tokens.filter((t) => t.type === 'text' && t.text.trim() !== '');
    const allBold = (visible.length > 0 && visible.every((t) => t.type === 'text' && t.marks?.includes('strong'))) || (text.trim() !== '' && this.styles.bold(styleId));
    const captionKind = caption(this.styles.captionKind(styleId), facts.seq);
    const line: SourceLine = { n, text, ...(found.dropped ? { dropped: found.dropped } : {}), rich: { tokens } };
    const rich = line.rich!;
    if (text.trim() === '' && pictures.length > 0) {
      // A picture on its own: the text export writes `[image: ALT]` for it.
      const [first, ...more] = pictures;
      text = `[image: ${first!.decorative ? '' : first!.alt.trim()}]`;
      line.text = text;
      rich.tokens = [{ type: 'text', text, line: n }];
      rich.block = first!;
      if (more.length) rich.images = more;
    } else if (pictures.length > 0) {
      rich.images = pictures;
    }
    if (headingLevel !== undefined && text.trim() !== '') rich.headingLevel = headingLevel;
    if (list && text.trim() !== '') rich.list = list;
    if (allBold) rich.allBold = true;
    if (captionKind && text.trim() !== '') rich.caption = captionKind;
    return { line, facts };
  }

  private picture(pending: Pending): RichImage {
    const { image, facts } = pending;
    const picture: RichImage = {
      kind: 'image',
      alt: facts?.alt ?? image.altText ?? '',
      decorative: facts?.decorative ?? false,
    };
    this.images.push(pending);
    this.pictureOf.set(image, picture);
    return picture;
  }

  /** Reads the pictures' bytes (mammoth reads them lazily) and checks what can be published. */
  async loadPictures(): Promise<void> {
    for (const pending of this.images) {
      const picture = this.pictureOf.get(pending.image)!;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await pending.image.read());
      } catch {
        this.sink.warn(pending.n, 'image-missing', `a picture's data is missing from the file (${this.sink.unit} ${pending.n}); its description is published instead`);
        continue;
      }
      const result = imageData(bytes, pending.facts?.widthEmu, pending.facts?.heightEmu);
      if ('data' in result) picture.data = result.data;
      else this.sink.warn(pending.n, 'image-format', `a picture cannot be published (${this.sink.unit} ${pending.n}): ${result.problem}; insert it in Word as PNG or JPEG (its description is published instead)`);
    }
  }

  // ------------------------------------------------------------ tables

  /** The paragraphs of a cell; a table inside a cell gives its cells' paragraphs. */
  private cellParagraphs(nodes: readonly MNode[]): Unit[] {
    const out: Unit[] = [];
    for (const c of nodes) {
      if (c.type === 'paragraph') out.push(this.paragraph(c));
      else if (c.type === 'table') for (const row of c.children) for (const cell of row.children) out.push(...this.cellParagraphs(cell.children));
    }
    return out;
  }

  private table(t: MTable): Unit {
    const rows: RichTable['rows'] = [];
    const occupied: number[] = [];
    let columns = 0;
    let first: Unit | undefined;
    let leadingHeaders = 0;
    let counting = true;
    const bold: boolean[] = [];
    t.children.forEach((row, r) => {
      if (row.isHeader && counting) leadingHeaders++;
      else counting = false;
      const cells: RichTableCell[] = [];
      let col = 0;
      let rowBold = true;
      for (const cell of row.children) {
        while ((occupied[col] ?? 0) > r) col++;
        const units = this.cellParagraphs(cell.children);
        first ??= units[0];
        const text = units.map((u) => u.line.text.trim()).join('');
        if (text !== '' && !units.every((u) => u.line.text.trim() === '' || u.line.rich?.allBold)) rowBold = false;
        this.tableLines.push(...units.map((u) => u.line));
        cells.push({ header: false, colSpan: Math.max(1, cell.colSpan), rowSpan: Math.max(1, cell.rowSpan), paragraphs: units.map((u) => u.line) });
        for (let k = 0; k < Math.max(1, cell.colSpan); k++) occupied[col + k] = r + Math.max(1, cell.rowSpan);
        col += Math.max(1, cell.colSpan);
      }
      columns = Math.max(columns, col, occupied.length);
      bold.push(rowBold && cells.length > 0);
      rows.push({ n: 0, cells });
    });
    const marker = first ? [...this.prepared.paragraphs.entries()].find(([, f]) => f === first!.facts)?.[0] : undefined;
    const tableFacts = marker ? this.prepared.tables.get(marker) : undefined;
    const facts: ParagraphFacts = first?.facts ?? { block: 1, pageField: false };
    // Header rows: Word's "repeat as header row"; else a first row the table style formats as a
    // header, or one set in bold above rows that are not.
    const headerRows = leadingHeaders > 0 ? leadingHeaders
      : rows.length > 1 && (tableFacts?.styledHeader || (bold[0] && !bold.slice(1).every(Boolean))) ? 1 : 0;
    for (const [i, row] of rows.entries()) {
      row.n = facts.block;
      if (i < headerRows) for (const c of row.cells) { c.header = true; c.scope = 'col'; }
    }
    const block: RichTable = { kind: 'table', headerRows, columns, rows, ...(tableFacts?.title ? { title: tableFacts.title } : {}) };
    const text = rows.map((r) => r.cells.map((c) => c.paragraphs.map((p) => p.text.trim()).join(' ')).join('\t')).join(' ').trim() || '[table]';
    return { line: { n: facts.block, text, rich: { tokens: [{ type: 'text', text, line: facts.block }], block } }, facts };
  }

  // ------------------------------------------------------------ the document

  read(doc: MDocument): Body {
    const flow: Unit[] = [];
    const boxes = new Map<number, Unit[]>();
    for (const node of doc.children) {
      let unit: Unit | undefined;
      if (node.type === 'paragraph') unit = this.paragraph(node);
      else if (node.type === 'table') unit = this.table(node);
      if (!unit) continue;
      if (unit.facts.box === undefined) flow.push(unit);
      else boxes.set(unit.facts.box, [...(boxes.get(unit.facts.box) ?? []), unit]);
    }
    return { flow, boxes, calls: this.calls };
  }

  /** A note's text and content: its paragraphs joined, the mark Word starts it with dropped. */
  noteContent(body: readonly MNode[], n: number): { text: string; content: Inline[] } {
    const found: { images: Pending[]; length: number } = { images: [], length: 0 };
    const raw: RawToken[] = [];
    body.forEach((node, i) => {
      if (i > 0 && raw.length) raw.push({ type: 'text', text: ' ', line: n });
      this.tokens([node], n, [], found, raw);
    });
    const tokens = this.addressesAndSources(raw.filter((t) => t.type === 'text' || t.type === 'link' || t.type === 'break'), n, false);
    const text = projectTokens(tokens);
    const start = text.length - text.trimStart().length;
    const trimmed = sliceTokens(tokens, start, text.trimEnd().length) as Inline[];
    return { text: text.trim(), content: trimmed };
  }
}
