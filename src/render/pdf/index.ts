/**
 * The PDF renderer: a tagged Kamerbrief in the house style, built with pdfkit, conforming to
 * PDF/UA-1 and (by default) PDF/A-2a together (`options.pdfStandard`, see pdf-standard.ts).
 *
 * Steps: lay out the letterhead and the body into lines (our own line breaking: no break at a
 * no-break space, URLs wrap at their punctuation), paginate with footnotes, widows and orphans,
 * then draw every page (so `Pagina X van Y` knows Y), then write the structure tree, and let
 * pdfkit finish the file with XMP and ToUnicode fixes.
 */
import type { PdfRendering, RenderInput } from '../types.js';
import { buildBody } from './body-flow.js';
import { drawPages } from './draw-pages.js';
import type { FlowContext } from './flow-types.js';
import { loadFontSet } from './fonts.js';
import { layoutLetterhead } from './letterhead.js';
import { loadPdfLayout } from './layout-config.js';
import { documentInfo, installXmpFixes, publicationTimestamp } from './metadata.js';
import { paginate } from './paginate.js';
import { TaggedPainter } from './painter.js';
import { createPdfKitDoc } from './pdfkit-doc.js';
import { DEFAULT_PDF_STANDARD, installPdfStandard } from './pdf-standard.js';
import { StructNode, writeStructTree } from './structure.js';

export { MissingGlyphError } from './fonts.js';
export { DEFAULT_PDF_STANDARD, PDF_STANDARDS, type PdfSourceFile, type PdfStandard } from './pdf-standard.js';

/** BCP 47 tag for the catalog: the letters are Dutch from the Netherlands. */
export function pdfLanguage(lang: string): string {
  return lang.toLowerCase() === 'nl' ? 'nl-NL' : lang;
}

export async function renderPdf(input: RenderInput): Promise<PdfRendering> {
  const { letter, meta, theme } = input;
  const layout = loadPdfLayout(theme);
  const fonts = loadFontSet(theme);
  const ctx: FlowContext = {
    letter,
    meta,
    theme,
    layout,
    fonts,
    root: new StructNode('Document'),
    notes: { byId: new Map(letter.notes.map((n) => [n.id, n])), called: new Set(), placed: new Set() },
  };

  const letterhead = layoutLetterhead(ctx);
  const body = buildBody(ctx);
  const { footnotes } = layout;
  const pages = paginate({
    lines: body.lines,
    notes: [...letterhead.notes, ...body.notes],
    firstPageNotes: letterhead.notes.map((n) => n.note.id),
    firstPageTop: letterhead.bodyTop,
    nextPagesTop: layout.body.top,
    bottom: layout.body.bottom,
    footOverhead: footnotes.gapAboveRule + footnotes.ruleThickness + footnotes.gapBelowRule,
    ruleOffset: footnotes.gapBelowRule + footnotes.ruleThickness / 2,
  });

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
  installPdfStandard(doc, input.options?.pdfStandard ?? DEFAULT_PDF_STANDARD, input.options?.source, publicationTimestamp(meta));
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => doc.on('end', resolve));

  const painter = new TaggedPainter(doc, fonts, size, layout.links);
  drawPages(ctx, painter, letterhead, pages);
  painter.finishOutline();
  writeStructTree(doc, ctx.root);
  doc.end();
  await finished;

  return {
    bytes: Buffer.concat(chunks),
    pageCount: pages.length,
    pageStarts: pages.map((p) => ({ page: p.index + 1, ...p.start })),
  };
}
