/**
 * The slice of pdfkit 0.20.2 the renderer uses, typed here because @types/pdfkit lags the library
 * and does not describe the internals we must reach (page dictionaries, the structure parent
 * tree, object references). Everything named here exists in `node_modules/pdfkit/js/pdfkit.js`;
 * keeping it in one file makes an upgrade of pdfkit a one-file review.
 */
import PDFDocument from 'pdfkit';

/** An indirect object: `data` is serialised when `end()` is called (once). */
export interface PdfRef {
  readonly id: number;
  data: Record<string, unknown>;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}

/** pdfkit's number/name tree (`ParentTree`, `Dests`). */
export interface PdfTree {
  add(key: number | string, value: unknown): unknown;
  get(key: number | string): unknown;
}

export interface PdfKitPage {
  readonly width: number;
  readonly height: number;
  readonly dictionary: PdfRef;
  readonly annotations: PdfRef[];
  /** Getter: allocates the page's `/StructParents` key on first use. */
  readonly structParentTreeKey: number;
}

export interface PdfOutlineItem {
  outlineData: Record<string, unknown>;
  options: Record<string, unknown>;
  children: PdfOutlineItem[];
  addItem(title: string, options?: Record<string, unknown>): PdfOutlineItem;
}

/** pdfkit's embedded TrueType font object (class EmbeddedFont). */
export interface PdfKitEmbeddedFont {
  document: PdfKitDoc;
  /** ToUnicode source: code points per subset glyph id (index 0 is .notdef). */
  unicode: number[][];
  /** Shaped runs by text (`fontLayoutCache`), consulted before shaping. */
  layoutCache?: Record<string, unknown>;
  /** Shapes one chunk of text (positions in thousandths of an em); called on a cache miss. */
  layoutRun(text: string): unknown;
  toUnicodeCmap(): PdfRef;
  /** Writes the font program, descriptor and dictionaries; called once when the document ends. */
  embed(): void;
}

export interface PdfKitInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: Date;
  ModDate?: Date;
}

export interface PdfKitDocOptions {
  autoFirstPage: boolean;
  size: [number, number];
  margin: number;
  pdfVersion: '1.7';
  tagged: boolean;
  subset: 'PDF/UA';
  lang: string;
  displayTitle: boolean;
  info: PdfKitInfo;
  compress: boolean;
  /** `null` stops pdfkit from loading Helvetica, which a PDF/UA file must never use. */
  font: null;
}

export interface PdfKitDoc {
  /** PDF/A or PDF/UA part number set by the `subset` option (1 for PDF/UA-1). */
  subset?: number;
  page: PdfKitPage;
  info: PdfKitInfo;
  outline: PdfOutlineItem;
  _font: PdfKitEmbeddedFont;

  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  on(event: 'end', listener: () => void): this;
  addPage(options: { size: [number, number]; margin: number }): this;
  end(): void;
  ref(data?: Record<string, unknown>): PdfRef;
  /** Adds an annotation of any subtype to the current page (`link` and `goTo` call this). */
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): this;
  addContent(data: string): this;

  registerFont(name: string, src: unknown): this;
  font(name: string): this;
  fontSize(size: number): this;
  fillColor(color: string): this;
  strokeColor(color: string): this;
  lineWidth(width: number): this;
  text(text: string, x: number, y: number, options: { lineBreak: false; baseline: 'alphabetic' }): this;
  rect(x: number, y: number, w: number, h: number): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  fill(color?: string): this;
  stroke(color?: string): this;
  /** Draws a PNG or JPEG (an image XObject) into the box; the same bytes are embedded once per document. */
  image(src: Buffer, x: number, y: number, options: { width: number; height: number }): this;

  link(x: number, y: number, w: number, h: number, url: string, options: Record<string, unknown>): this;
  goTo(x: number, y: number, w: number, h: number, name: string, options: Record<string, unknown>): this;
  addNamedDestination(name: string, fit: 'XYZ', x: number, y: number, zoom: null): void;

  getStructTreeRoot(): PdfRef;
  getStructParentTree(): PdfTree;
  createStructParentTreeNextKey(): number;

  appendXML(xml: string, newline?: boolean): void;
  endMetadata(): void;
  /** The subset's last step (PDF/UA: pdfuaid in the XMP), called while the document ends. */
  endSubset(): void;
  /** The catalog. */
  _root: PdfRef;
  /** Embeds a file, names it in /EmbeddedFiles and lists it in the catalog's /AF. */
  file(
    src: Uint8Array,
    options: { name: string; description: string; relationship: 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'Unspecified'; type: string; creationDate: Date; modifiedDate: Date },
  ): PdfRef;
}

type PdfKitConstructor = new (options: PdfKitDocOptions) => PdfKitDoc;

export function createPdfKitDoc(options: PdfKitDocOptions): PdfKitDoc {
  // @types/pdfkit types the default export as an instance, not a constructor; see file comment.
  return new (PDFDocument as unknown as PdfKitConstructor)(options);
}
