/**
 * Prepares `word/document.xml` for mammoth and records what mammoth does not keep. mammoth reads
 * the body well (runs, marks, hyperlinks, fields, notes, tables with their spans, pictures) but
 * drops what a letter needs besides: list numbering instances, frames, the decorative flag and
 * placed size of pictures, table titles, and where text boxes are. So, on our own tree:
 *  - every text box is read once: its content (the DrawingML copy; the VML fallback only when it is
 *    the only one) is moved to the end of the body, where mammoth reads it like body text, and the
 *    box is remembered with its name, place on the page and anchoring paragraph;
 *  - every paragraph gets a bookmark `_rp_p_N` as its first child and every run with a picture a
 *    bookmark `_rp_d_N` before it: mammoth keeps bookmark names, so each paragraph and picture it
 *    returns can be matched with the facts recorded here.
 */
import { ancestor, child, children, descendants, element, isOn, path, remove, serializeXml, textOf, type XmlElement } from './xml.js';

export interface ParagraphFacts {
  /** The body paragraph (or table) this paragraph is, or is inside: "paragraph N" in messages. */
  block: number;
  /** The text box it was moved out of. */
  box?: number;
  /** Paragraphs of one frame (`w:framePr`) share a key. */
  frame?: string;
  styleId?: string;
  outlineLevel?: number;
  numbering?: { numId: string; ilvl?: number };
  /** The identifier of a SEQ field in the paragraph (`Tabel`, `Figuur`): a caption. */
  seq?: string;
  /** Holds a PAGE/NUMPAGES field: page furniture. */
  pageField: boolean;
}

export interface DrawingFacts {
  /** Word's alternative text: `descr`, else `title` (of `wp:docPr`; never `pic:cNvPr`, where pandoc writes the file name). */
  alt: string;
  decorative: boolean;
  widthEmu?: number;
  heightEmu?: number;
}

export interface BoxFacts {
  index: number;
  name: string;
  /** The body paragraph that anchors the box. */
  block: number;
  /** Set in the right half of the page: the reference column. */
  right: boolean;
}

export interface TableFacts {
  title?: string;
  /** The first row is formatted as a header row by the table style (Word's "Header Row" option). */
  styledHeader: boolean;
}

export interface SectionFacts {
  titlePage: boolean;
  headers: { first?: string; default?: string };
  footnoteFormat?: string;
  endnoteFormat?: string;
}

export interface PreparedDocument {
  xml: string;
  /** Page width and left margin of section 1 (EMU), to tell the reference column from the address window. */
  layout: { pageWidth: number; leftMargin: number };
  paragraphs: Map<string, ParagraphFacts>;
  drawings: Map<string, DrawingFacts[]>;
  /** Keyed by the marker of the table's first paragraph. */
  tables: Map<string, TableFacts>;
  boxes: BoxFacts[];
  section: SectionFacts;
}

const EMU_PER_CM = 360000;

/** Elements whose text-box content has been taken out already, or that are no place to look. */
function textBoxContents(holder: XmlElement): XmlElement[] {
  return descendants(holder, 'w:txbxContent', new Set(['w:txbxContent']));
}

/** The box's drawing (DrawingML) properties, if the holder has them. */
function drawingOf(holder: XmlElement): XmlElement | undefined {
  const branch = holder.name === 'mc:AlternateContent' ? child(holder, 'mc:Choice') : holder;
  if (!branch) return undefined;
  return descendants(branch, 'wp:anchor')[0] ?? descendants(branch, 'wp:inline')[0];
}

/** A text box set right of the page's middle (its holder: the drawing or its AlternateContent). */
export function holderIsRight(holder: XmlElement, layout: { pageWidth: number; leftMargin: number }): boolean {
  return isRight(drawingOf(holder), layout.pageWidth, layout.leftMargin);
}

function isRight(drawing: XmlElement | undefined, pageWidth: number, leftMargin: number): boolean {
  const h = path(drawing, 'wp:positionH');
  if (!h) return false;
  const align = path(h, 'wp:align') ? textOf(path(h, 'wp:align')!).trim() : undefined;
  if (align) return align === 'right' || align === 'outside';
  const offset = Number(path(h, 'wp:posOffset') ? textOf(path(h, 'wp:posOffset')!).trim() : 'NaN');
  if (!Number.isFinite(offset)) return false;
  const from = h.attrs.relativeFrom ?? 'column';
  // The Rijkshuisstijl puts the reference column near 16 cm from the page edge and the address
  // window near 2.5 cm: right of the page's middle is the reference column.
  const fromPage = from === 'page' ? offset : offset + leftMargin;
  return fromPage > pageWidth / 2;
}

function drawingFacts(run: XmlElement): DrawingFacts[] {
  const out: DrawingFacts[] = [];
  const add = (container: XmlElement): void => {
    const docPr = child(container, 'wp:docPr');
    const extent = child(container, 'wp:extent');
    const descr = docPr?.attrs.descr ?? '';
    const title = docPr?.attrs.title ?? '';
    const decorative = docPr ? descendants(docPr, 'adec:decorative').some((d) => isOn(d, 'val')) : false;
    const cx = Number(extent?.attrs.cx);
    const cy = Number(extent?.attrs.cy);
    out.push({
      alt: descr.trim() !== '' ? descr : title, decorative,
      ...(Number.isFinite(cx) && cx > 0 ? { widthEmu: cx } : {}),
      ...(Number.isFinite(cy) && cy > 0 ? { heightEmu: cy } : {}),
    });
  };
  for (const c of children(run)) {
    if (c.name === 'w:drawing') {
      for (const d of children(c)) if ((d.name === 'wp:inline' || d.name === 'wp:anchor') && descendants(d, 'a:blip').length) add(d);
    } else if (c.name === 'mc:AlternateContent') {
      // mammoth reads the fallback picture; its description and flags are in the DrawingML choice.
      const d = drawingOf(c);
      if (d && descendants(c, 'a:blip').length) add(d);
      else if (descendants(c, 'v:imagedata').length) out.push({ alt: descendants(c, 'v:imagedata')[0]!.attrs['o:title'] ?? '', decorative: false });
    } else if (c.name === 'w:pict' || c.name === 'w:object') {
      for (const img of descendants(c, 'v:imagedata')) out.push({ alt: img.attrs['o:title'] ?? '', decorative: false });
    }
  }
  return out;
}

function fieldInstructions(p: XmlElement): string[] {
  const simple = descendants(p, 'w:fldSimple').map((f) => f.attrs['w:instr'] ?? '');
  // A complex field's instruction can be split over several runs: join each field's pieces.
  const complex: string[] = [];
  let current: string[] | undefined;
  const walk = (e: XmlElement): void => {
    for (const c of children(e)) {
      if (c.name === 'w:fldChar') {
        const type = c.attrs['w:fldCharType'];
        if (type === 'begin') current = [];
        else if (current) { complex.push(current.join('')); current = undefined; }
      } else if (c.name === 'w:instrText' && current) current.push(textOf(c));
      else if (c.name !== 'w:txbxContent') walk(c);
    }
  };
  walk(p);
  if (current) complex.push(current.join(''));
  return [...simple, ...complex];
}

/** The fields of a paragraph: a SEQ identifier (captions) and whether it shows page numbers. */
export function paragraphFields(p: XmlElement): { seq?: string; pageField: boolean } {
  let seq: string | undefined;
  let pageField = false;
  for (const instr of fieldInstructions(p)) {
    const words = instr.trim().split(/\s+/u);
    const name = (words[0] ?? '').toUpperCase();
    if (name === 'SEQ' && words[1] && seq === undefined) seq = words[1];
    if (name === 'PAGE' || name === 'NUMPAGES' || name === 'SECTIONPAGES') pageField = true;
  }
  return { ...(seq ? { seq } : {}), pageField };
}

function frameKey(pPr: XmlElement | undefined): string | undefined {
  const f = child(pPr, 'w:framePr');
  if (!f) return undefined;
  return Object.entries(f.attrs).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(';');
}

function sectionFacts(body: XmlElement, rels: ReadonlyMap<string, string>): SectionFacts & { pageWidth: number; leftMargin: number } {
  const sect = descendants(body, 'w:sectPr')[0];
  const headers: SectionFacts['headers'] = {};
  for (const h of children(sect, 'w:headerReference')) {
    const type = h.attrs['w:type'] ?? 'default';
    const target = rels.get(h.attrs['r:id'] ?? '');
    if (target && (type === 'first' || type === 'default')) headers[type] = target;
  }
  const twip = (v: string | undefined, fallback: number): number => (v !== undefined && /^\d+$/u.test(v) ? Number(v) * 635 : fallback);
  const footnote = path(sect, 'w:footnotePr', 'w:numFmt')?.attrs['w:val'];
  const endnote = path(sect, 'w:endnotePr', 'w:numFmt')?.attrs['w:val'];
  return {
    titlePage: isOn(child(sect, 'w:titlePg')),
    headers,
    ...(footnote ? { footnoteFormat: footnote } : {}),
    ...(endnote ? { endnoteFormat: endnote } : {}),
    // EMU; A4 and a 2.5 cm margin when the section does not say.
    pageWidth: twip(path(sect, 'w:pgSz')?.attrs['w:w'], 21 * EMU_PER_CM),
    leftMargin: twip(path(sect, 'w:pgMar')?.attrs['w:left'], 2.5 * EMU_PER_CM),
  };
}

/**
 * `root` is the parsed document part; `rels` maps its relationship ids to part names (headers).
 * The tree is changed in place.
 */
export function prepareDocument(root: XmlElement, rels: ReadonlyMap<string, string>): PreparedDocument {
  const body = child(root, 'w:body');
  if (!body) return { xml: serializeXml(root), layout: { pageWidth: 21 * EMU_PER_CM, leftMargin: 2.5 * EMU_PER_CM }, paragraphs: new Map(), drawings: new Map(), tables: new Map(), boxes: [], section: { titlePage: false, headers: {} } };
  const { pageWidth, leftMargin, ...section } = sectionFacts(body, rels);
  const finalSect = children(body).at(-1)?.name === 'w:sectPr' ? children(body).at(-1) : undefined;

  // Body blocks and their numbers, through body-level content controls.
  const blockOf = new Map<XmlElement, number>();
  let blockCount = 0;
  const number = (parent: XmlElement): void => {
    for (const c of children(parent)) {
      if (c.name === 'w:p' || c.name === 'w:tbl') blockOf.set(c, ++blockCount);
      else if (c.name === 'w:sdt') number(child(c, 'w:sdtContent') ?? c);
      else if (c.name === 'w:customXml') number(c);
    }
  };
  number(body);
  const blockAt = (el: XmlElement): number => {
    for (let e: XmlElement | undefined = el; e; e = e.parent) {
      const n = blockOf.get(e);
      if (n !== undefined) return n;
    }
    return 1;
  };

  // Text boxes: taken out of their paragraphs, content appended to the body, one box after another.
  const boxes: BoxFacts[] = [];
  const boxOf = new Map<XmlElement, number>();
  const relocate = (roots: readonly XmlElement[], anchorBlock: (el: XmlElement) => number): XmlElement[] => {
    const moved: XmlElement[] = [];
    const holders: XmlElement[] = [];
    const find = (e: XmlElement): void => {
      for (const c of children(e)) {
        const isHolder = (c.name === 'mc:AlternateContent' || c.name === 'w:drawing' || c.name === 'w:pict') && textBoxContents(c).length > 0;
        if (isHolder) holders.push(c);
        else find(c);
      }
    };
    for (const r of roots) find(r);
    for (const holder of holders) {
      const drawing = drawingOf(holder);
      const choice = holder.name === 'mc:AlternateContent' ? child(holder, 'mc:Choice') : holder;
      const fallback = holder.name === 'mc:AlternateContent' ? child(holder, 'mc:Fallback') : undefined;
      const fromChoice = choice ? textBoxContents(choice) : [];
      const contents = fromChoice.length ? fromChoice : fallback ? textBoxContents(fallback) : [];
      const index = boxes.length;
      boxes.push({
        index, name: child(drawing, 'wp:docPr')?.attrs.name ?? `text box ${index + 1}`,
        block: anchorBlock(holder), right: isRight(drawing, pageWidth, leftMargin),
      });
      // Both copies leave the paragraph; one is read, at the end of the body.
      for (const c of textBoxContents(holder)) remove(c);
      for (const content of contents) {
        for (const block of children(content)) {
          block.parent = body;
          boxOf.set(block, index);
          moved.push(block);
        }
      }
    }
    return moved;
  };
  const boxAt = (el: XmlElement): number | undefined => {
    for (let e: XmlElement | undefined = el; e; e = e.parent) {
      const b = boxOf.get(e);
      if (b !== undefined) return b;
    }
    return undefined;
  };
  const appended: XmlElement[] = [];
  // A text box inside a text box is anchored where its outer box is.
  for (let queue = relocate([body], blockAt); queue.length; queue = relocate(queue, (el) => boxes[boxAt(el) ?? 0]?.block ?? 1)) {
    appended.push(...queue);
  }
  const insertAt = finalSect ? body.children.indexOf(finalSect) : body.children.length;
  body.children.splice(insertAt, 0, ...appended);

  // Markers and facts, paragraph by paragraph in document order.
  const paragraphs = new Map<string, ParagraphFacts>();
  const drawings = new Map<string, DrawingFacts[]>();
  const tables = new Map<string, TableFacts>();
  let p = 0;
  let d = 0;
  for (const para of descendants(body, 'w:p')) {
    const name = `_rp_p_${++p}`;
    const pPr = child(para, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const numId = path(numPr, 'w:numId')?.attrs['w:val'];
    const ilvl = path(numPr, 'w:ilvl')?.attrs['w:val'];
    const outline = path(pPr, 'w:outlineLvl')?.attrs['w:val'];
    const box = boxAt(para);
    const frame = box === undefined && ancestor(para, 'w:tbl') === undefined ? frameKey(pPr) : undefined;
    const styleId = path(pPr, 'w:pStyle')?.attrs['w:val'];
    paragraphs.set(name, {
      block: box !== undefined ? boxes[box]!.block : blockAt(para),
      ...(box !== undefined ? { box } : {}),
      ...(frame ? { frame } : {}),
      ...(styleId ? { styleId } : {}),
      ...(outline !== undefined && /^\d$/u.test(outline) ? { outlineLevel: Number(outline) } : {}),
      ...(numId !== undefined ? { numbering: { numId, ...(ilvl !== undefined && /^\d$/u.test(ilvl) ? { ilvl: Number(ilvl) } : {}) } } : {}),
      ...paragraphFields(para),
    });
    const marker = element('w:bookmarkStart', { 'w:id': String(900000 + p), 'w:name': name }, para);
    para.children.splice(pPr ? para.children.indexOf(pPr) + 1 : 0, 0, marker);
    for (const run of descendants(para, 'w:r', new Set(['w:txbxContent']))) {
      const facts = drawingFacts(run);
      if (facts.length === 0 || !run.parent) continue;
      const dName = `_rp_d_${++d}`;
      drawings.set(dName, facts);
      run.parent.children.splice(run.parent.children.indexOf(run), 0, element('w:bookmarkStart', { 'w:id': String(800000 + d), 'w:name': dName }, run.parent));
    }
  }
  // A table's facts are found through the marker of its first paragraph (nested tables included).
  for (const tbl of descendants(body, 'w:tbl')) {
    const first = descendants(tbl, 'w:p')[0];
    const marker = first ? children(first).find((c) => c.name === 'w:bookmarkStart')?.attrs['w:name'] : undefined;
    if (!marker) continue;
    const tblPr = child(tbl, 'w:tblPr');
    const look = child(tblPr, 'w:tblLook');
    // `w:firstRow="1"`, or the older hexadecimal `w:val` with bit 0x0020.
    const firstRow = look ? (look.attrs['w:firstRow'] !== undefined ? isOn(look, 'w:firstRow') : (parseInt(look.attrs['w:val'] ?? '0', 16) & 0x20) !== 0) : false;
    const title = path(tblPr, 'w:tblCaption')?.attrs['w:val'];
    tables.set(marker, {
      ...(title && title.trim() ? { title: title.trim() } : {}),
      styledHeader: firstRow && path(tblPr, 'w:tblStyle') !== undefined,
    });
  }
  return { xml: serializeXml(root), layout: { pageWidth, leftMargin }, paragraphs, drawings, tables, boxes, section };
}
