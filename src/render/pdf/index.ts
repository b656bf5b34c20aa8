/**
 * The PDF: a tagged Kamerbrief in the house style, conforming to PDF/UA-1 and (by default)
 * PDF/A-2a together (`options.pdfStandard`, see write/pdf-standard.ts).
 *
 * Two steps, apart: `layoutPdf` sets the letter (our own line breaking: no break at a no-break
 * space, URLs wrap at their punctuation), paginates it with footnotes, widows and orphans, and
 * builds the logical structure (layout/); `writePdf` draws every page with pdfkit (so
 * `Pagina X van Y` knows Y), writes the structure tree and lets pdfkit finish the file with XMP
 * and ToUnicode fixes (write/). The EPUB needs only the layout's page starts.
 */
import type { PageStart } from '../../model/page-starts.js';
import type { PdfRendering, RenderInput, RenderOptions } from '../types.js';
import { buildBody } from './layout/body-flow.js';
import type { FlowContext, FlowLine } from './layout/flow-types.js';
import { loadFontSet } from './layout/fonts.js';
import { layoutLetterhead, type Letterhead } from './layout/letterhead.js';
import { loadPdfLayout } from './layout/layout-config.js';
import { paginate, type PageLayout } from './layout/paginate.js';
import { StructNode } from './layout/tags.js';
import { drawPages } from './write/draw-pages.js';
import { documentInfo, installXmpFixes, publicationTimestamp } from './write/metadata.js';
import { TaggedPainter } from './write/painter.js';
import { createPdfKitDoc } from './write/pdfkit-doc.js';
import { DEFAULT_PDF_STANDARD, installPdfStandard } from './write/pdf-standard.js';
import { writeStructTree } from './write/struct-tree.js';

export { MissingGlyphError } from './layout/fonts.js';
export { DEFAULT_PDF_STANDARD, PDF_STANDARDS, type PdfSourceFile, type PdfStandard } from './write/pdf-standard.js';

/** BCP 47 tag for the catalog: the letters are Dutch from the Netherlands. */
export function pdfLanguage(lang: string): string {
  return lang.toLowerCase() === 'nl' ? 'nl-NL' : lang;
}

/** A letter set on pages: everything the writer draws, and where each page begins. */
export interface PdfLayoutResult {
  ctx: FlowContext;
  /** The standards the file will claim, and the source to attach (PDF/A-3). */
  options: RenderOptions;
  letterhead: Letterhead;
  pages: PageLayout[];
  pageStarts: PageStart[];
}

export function layoutPdf(input: RenderInput): PdfLayoutResult {
  const { letter, meta, theme } = input;
  const layout = loadPdfLayout(theme);
  const ctx: FlowContext = {
    letter,
    meta,
    theme,
    layout,
    fonts: loadFontSet(theme),
    root: new StructNode('Document'),
    notes: { byId: new Map(letter.notes.map((n) => [n.id, n])), called: new Set(), placed: new Set() },
  };
  const letterhead = layoutLetterhead(ctx);
  const body = buildBody(ctx);
  const { footnotes } = layout;
  const pages = paginate({
    lines: letterhead.flow.length === 0 ? body.lines : [...letterhead.flow, ...afterLetterhead(body.lines, layout.letterhead.gapAfterSubject)],
    notes: [...letterhead.notes, ...body.notes],
    firstPageNotes: letterhead.notes.map((n) => n.note.id),
    firstPageTop: letterhead.bodyTop,
    nextPagesTop: layout.body.top,
    bottom: layout.body.bottom,
    footOverhead: footnotes.gapAboveRule + footnotes.ruleThickness + footnotes.gapBelowRule,
    ruleOffset: footnotes.gapBelowRule + footnotes.ruleThickness / 2,
  });
  return { ctx, options: input.options ?? {}, letterhead, pages, pageStarts: pages.map((p) => ({ page: p.index + 1, at: p.start })) };
}

/** The body after reference fields that flow before it: the letterhead's gap above its first line. */
function afterLetterhead(lines: readonly FlowLine[], gap: number): FlowLine[] {
  const [first, ...rest] = lines;
  return first ? [{ ...first, spaceBefore: gap, breakBefore: 'allow' }, ...rest] : [];
}

export async function writePdf(laidOut: PdfLayoutResult): Promise<Uint8Array> {
  const { ctx, letterhead, pages } = laidOut;
  const { letter, meta, layout, fonts } = ctx;
  const lang = pdfLanguage(letter.lang);
  const size: [number, number] = [layout.pageWidth, layout.pageHeight];
  const doc = createPdfKitDoc({
    autoFirstPage: false,
    size,
    margin: 0,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA',
    lang,
    displayTitle: true,
    info: documentInfo(meta),
    compress: true,
    font: null,
  });
  installXmpFixes(doc, meta, lang);
  installPdfStandard(doc, laidOut.options.pdfStandard ?? DEFAULT_PDF_STANDARD, laidOut.options.source, publicationTimestamp(meta));
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', resolve));

  const painter = new TaggedPainter(doc, fonts, size, layout.links);
  drawPages(ctx, painter, letterhead, pages);
  painter.release();
  painter.finishOutline();
  writeStructTree(doc, ctx.root);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

export async function renderPdf(input: RenderInput): Promise<PdfRendering> {
  const laidOut = layoutPdf(input);
  return { bytes: await writePdf(laidOut), pageCount: laidOut.pages.length, pageStarts: laidOut.pageStarts };
}
