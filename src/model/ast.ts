/**
 * The document model shared by every renderer.
 *
 * One letter → one `Letter`. Renderers never look at the source text again: everything they need
 * (labels exactly as written, note numbering, source lines for diagnostics) is here.
 *
 * Every node carries `line`: the 1-based line of the source file it came from, so a renderer or a
 * checker can point a human back at the input. Block-level nodes also carry a stable `id`
 * (`b1`, `b2`, … in document order) that renderers use for anchors and that the PDF layout uses
 * to report where its pages start (see `model/page-starts.ts`).
 *
 * What every writer must agree on is decided once, in `model/finish.ts`, before any writer runs:
 * heading levels, note order. Writers read those decisions; they never decide them again.
 */

export interface Located {
  /** 1-based line number in the source file. */
  line: number;
}

// ---------------------------------------------------------------- inline content

/**
 * Emphasis as Word keeps it: `strong` (bold) and `emphasis` (italic). Published as `<strong>` /
 * `<em>` and in the bold and italic faces; the plain-text export has none.
 */
export type Mark = 'strong' | 'emphasis';

/** Plain text. May contain U+00A0 (no-break space), which renderers must never break at. */
export interface TextInline extends Located {
  type: 'text';
  text: string;
  marks?: Mark[];
}

/** A web or e-mail address, or a Word hyperlink. `href` is always http(s): or mailto:. */
export interface LinkInline extends Located {
  type: 'link';
  href: string;
  /** The link text exactly as it appears in the letter (for a bare address, the address). */
  text: string;
  marks?: Mark[];
}

/** A line break inside a paragraph (Word's Shift+Enter). */
export interface BreakInline extends Located {
  type: 'break';
}

/** The call of a note: a Word footnote (`[footnoteRef:N]`) or a source reference (`[N]`). */
export interface NoteRefInline extends Located {
  type: 'noteRef';
  /** Id of the `Note` it points at, e.g. `fn-1` or `src-1`. */
  noteId: string;
  /** Unique id of this call (a note can be called more than once): `fnref-1`, `fnref-1-2`, `srcref-1`. */
  refId: string;
  kind: NoteKind;
  /** What the reader sees at the call: `1` for a footnote (set as superscript), `[1]` for a source. */
  label: string;
}

export type Inline = TextInline | LinkInline | NoteRefInline | BreakInline;

// ---------------------------------------------------------------- blocks

export interface BlockBase extends Located {
  /** Stable id in document order: `b1`, `b2`, … */
  id: string;
}

export interface Paragraph extends BlockBase {
  type: 'paragraph';
  content: Inline[];
}

export interface Heading extends BlockBase {
  type: 'heading';
  /**
   * The heading's level in the whole document, as every format publishes it (h2 / H2 …): the
   * Betreft line is 1, body sections 2, numbered sub-sections (`2.1 …`) 3. A reader writes the
   * level the text asks for; `finishLetter` (model/finish.ts) then closes gaps and fits annex
   * headings under the annex, once for every format.
   */
  level: number;
  /** The number as written (`1.`, `2.1`), if the heading was numbered; it is also in `content`. */
  number?: string;
  content: Inline[];
}

export type ListStyle = 'bullet' | 'decimal' | 'lower-alpha' | 'upper-alpha' | 'lower-roman';

export interface ListItem extends Located {
  /** The marker exactly as written: `-`, `•`, `1.`, `1)`, `a.` … */
  marker: string;
  content: Inline[];
  /** A nested list belonging to this item (indented items in the source). */
  children?: List;
}

export interface List extends BlockBase {
  type: 'list';
  ordered: boolean;
  style: ListStyle;
  /** The marker suffix of an ordered list: `.` for `1.`, `)` for `1)`; empty for bullets. */
  suffix: '.' | ')' | '';
  /** First number of an ordered list (1 unless the letter starts elsewhere). */
  start: number;
  items: ListItem[];
}

/** The picture itself, when the reader has it (Word embeds it; the text export only names it). */
export interface ImageData {
  mediaType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  /** Size in pixels, from the file's own header. */
  width: number;
  height: number;
  /** Size on the page in points, as Word placed it (absent: from the pixels at 96 dpi). */
  widthPt?: number;
  heightPt?: number;
}

/**
 * An image. From the text export only `[image: ALT]` (no picture: the description is published as
 * text); from Word the picture with its alternative text (`descr`, else `title`). A decorative
 * image carries no information: an artifact in the PDF, `alt=""` in HTML.
 */
export interface Image extends BlockBase {
  type: 'image';
  alt: string;
  decorative?: boolean;
  data?: ImageData;
  caption?: Inline[];
}

/** @deprecated name of `Image` for the text reader's placeholder. */
export type ImagePlaceholder = Image;

export interface TableCell extends Located {
  /** A header cell (`th`): in a header row, or a row header. */
  header: boolean;
  /** What a header cell heads: its column (header rows) or its row (first-column headers). */
  scope?: 'col' | 'row';
  colSpan: number;
  rowSpan: number;
  /** The cell's paragraphs. */
  content: Inline[][];
}

export interface TableRow extends Located {
  cells: TableCell[];
}

/**
 * A table: rows of cells, the first `headerRows` rows the header (repeated at the top of every
 * page the table runs onto). Merged cells span with `colSpan`/`rowSpan`; a row lists only the cells
 * that start in it.
 */
export interface Table extends BlockBase {
  type: 'table';
  caption?: Inline[];
  headerRows: number;
  /** Number of columns of the grid. */
  columns: number;
  rows: TableRow[];
}

export type Block = Paragraph | Heading | List | Image | Table;

// ---------------------------------------------------------------- Q&A annex

export interface QaPart extends BlockBase {
  type: 'question' | 'answer';
  /** Heading level of the label (set by `finishLetter`): one below the annex heading. */
  level: number;
  /** The label exactly as written, trimmed: `Vraag 1`, `Antwoord`, `Antwoord 7 en 8`. */
  label: string;
  /** Question numbers the label names (`Vraag 8` → [8]; `Antwoord 7 en 8` → [7, 8]; `Antwoord` → []). */
  numbers: number[];
  /**
   * For an answer: the numbers of the questions it answers by position (the questions since the
   * previous answer). Equals `numbers` when the label is right; renderers may use it to link.
   */
  answers?: number[];
  content: Block[];
}

export interface QaAnnex extends BlockBase {
  type: 'annex';
  /**
   * Heading level of the annex heading (set by `finishLetter`): its title, or the house style's
   * generic title when the letter has none, so every format heads the annex the same way.
   */
  level: number;
  /** The annex title (`Antwoorden van de minister … op vragen van het lid …`), if the letter has one. */
  title?: Paragraph;
  /** Free paragraphs between the title and the first question. */
  intro: Block[];
  parts: QaPart[];
}

// ---------------------------------------------------------------- notes

export type NoteKind = 'footnote' | 'source';

export interface Note extends Located {
  /** `fn-N` for Word footnotes, `src-N` for source references: the two numberings never collide. */
  id: string;
  kind: NoteKind;
  /** The number as written in the source. */
  number: number;
  /** What the reader sees before the note text: `1` or `[1]`. */
  label: string;
  content: Inline[];
  /** `refId`s of the calls to this note, in document order (empty if never referenced). */
  refIds: string[];
}

// ---------------------------------------------------------------- letterhead

export interface TextLine extends Located {
  text: string;
  /** The same text with addresses turned into links (sender block, field values). */
  content: Inline[];
}

export type FieldKind =
  | 'ourReference'
  | 'yourReference'
  | 'attachments'
  | 'contact'
  | 'copyTo'
  | 'other';

/** A labelled field of the reference column: label exactly as written, one or more value lines. */
export interface Field extends Located {
  label: string;
  kind: FieldKind;
  values: TextLine[];
}

export interface LetterDate extends Located {
  /** As written: `12 februari 2026`. */
  text: string;
  /** ISO form `2026-02-12`, or undefined when the text is not a recognisable Dutch date. */
  iso?: string;
}

export interface Sender {
  /** `Ministerie van Buitenlandse Zaken` (also the author of the publication). */
  organisation: TextLine;
  /** Lines under the organisation before the first blank line (directorate, department …). */
  units: TextLine[];
  /** Visiting and postal address, country, web site, phone, e-mail: one entry per line. */
  address: TextLine[];
}

export interface Signatory extends Located {
  type: 'signatory';
  /** Block id, from the same sequence as the body blocks. */
  id: string;
  /** `De minister van Buitenlandse Zaken,` — one or more lines, exactly as written. */
  functionLines: TextLine[];
  /** The name under the blank signature space; absent if the letter has none. */
  name?: TextLine;
}

export interface Letter {
  type: 'letter';
  /** Always `nl`: Dutch government letters. Kept explicit so renderers never hard-code it. */
  lang: string;
  source: {
    /** Path as given on the command line. */
    path: string;
    /** File name without directory and `.txt`: the stem of every output file. */
    stem: string;
  };
  /** `Retouradres …` line above the addressee, when present. */
  returnAddress?: TextLine;
  addressee: TextLine[];
  date: LetterDate;
  /** The Betreft line: the document title. */
  subject: TextLine;
  sender: Sender;
  fields: Field[];
  /** The `[image: ALT]` logo placeholder of page 1; `alt` may be empty. */
  logo?: { alt: string; line: number };
  salutation?: Paragraph;
  body: Block[];
  closing?: Paragraph;
  signatories: Signatory[];
  annex?: QaAnnex;
  /** Footnotes first (by number), then source references (by number). */
  notes: Note[];
}

/** Everything a human needs to read a letter's metadata without walking the tree. */
export interface LetterMetadata {
  title: string;
  author: string;
  lang: string;
  /** ISO date used for every embedded timestamp (letter date, else SOURCE_DATE_EPOCH). */
  isoDate: string;
  dateText: string;
  ourReference?: string;
  description: string;
  /** What the publications may say about their accessibility, and no more. */
  accessibility: AccessibilityClaim;
}

/**
 * The accessibility statement of a publication: who stands behind it, which automated checks the
 * build runs on every output, and whether a person has evaluated it. Conformance to WCAG is
 * claimed only after a manual evaluation; automated checks alone never justify it.
 */
export interface AccessibilityClaim {
  /** The organisation responsible for the statement: the sender, unless the user names another. */
  certifier: string;
  /** Whether this build checks every output (false with `--no-check`). */
  checked: boolean;
  /** A person evaluated the publication against WCAG 2.2 AA (declared by the user). */
  manualReview: boolean;
}
