/**
 * The loaded PDF as the rules see it: catalog, pages in order (with inherited attributes) and a
 * reverse index from objects to their object numbers so messages can name `object 12 0 R`.
 */
import { PDFArray, PDFDict, PDFDocument, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { asDict, deref, get, getArray, getDict, getName, items, refLabel } from './pdf-objects.js';

export interface PageInfo {
  /** 0-based; messages say `page ${index + 1}`. */
  index: number;
  dict: PDFDict;
  ref?: PDFRef;
  resources?: PDFDict;
  /** Crop box (defaults to the media box): [x1, y1, x2, y2], normalised. */
  cropBox: [number, number, number, number];
}

export interface PdfModel {
  context: PDFContext;
  catalog: PDFDict;
  trailer: PDFContext['trailerInfo'];
  pages: PageInfo[];
  pageIndexOf(obj: PDFObject | undefined): number | undefined;
  refOf(obj: PDFObject | undefined): PDFRef | undefined;
  /** `object 12 0 R`, or `a direct object` when it has no number of its own. */
  objectLabel(obj: PDFObject | undefined): string;
}

export async function loadPdfModel(bytes: Uint8Array): Promise<PdfModel> {
  const doc = await PDFDocument.load(bytes, {
    updateMetadata: false,
    // Encryption is reported by the catalog rules; reading on lets them say so.
    ignoreEncryption: true,
    throwOnInvalidObject: false,
  });
  const context = doc.context;
  // pdf-lib accepts a file without a trailer /Root and leaves the catalog undefined.
  if (!context.trailerInfo.Root || !(context.lookup(context.trailerInfo.Root) instanceof PDFDict)) {
    throw new Error('no document catalog (trailer /Root)');
  }
  const refs = new Map<PDFObject, PDFRef>();
  for (const [ref, obj] of context.enumerateIndirectObjects()) refs.set(obj, ref);

  const catalog = doc.catalog;
  const pages: PageInfo[] = [];
  const pageIndex = new Map<PDFObject, number>();
  collectPages(context, asDict(get(catalog, 'Pages')), {}, pages, new Set(), refs);
  for (const page of pages) pageIndex.set(page.dict, page.index);
  if (pages.length === 0) throw new Error('the page tree has no pages');

  return {
    context,
    catalog,
    trailer: context.trailerInfo,
    pages,
    pageIndexOf: (obj) => {
      const target = obj instanceof PDFRef ? context.lookup(obj) : obj;
      return target ? pageIndex.get(target) : undefined;
    },
    refOf: (obj) => (obj instanceof PDFRef ? obj : obj ? refs.get(obj) : undefined),
    objectLabel: (obj) => {
      const ref = obj instanceof PDFRef ? obj : obj ? refs.get(obj) : undefined;
      return ref ? `object ${refLabel(ref)}` : 'a direct object';
    },
  };
}

interface Inherited {
  resources?: PDFDict;
  mediaBox?: PDFArray;
  cropBox?: PDFArray;
}

function collectPages(
  context: PDFContext,
  node: PDFDict | undefined,
  inherited: Inherited,
  out: PageInfo[],
  seen: Set<PDFDict>,
  refs: Map<PDFObject, PDFRef>,
): void {
  if (!node || seen.has(node)) return;
  seen.add(node);
  const here: Inherited = {
    ...inherited,
    ...(getDict(node, 'Resources') ? { resources: getDict(node, 'Resources') } : {}),
    ...(getArray(node, 'MediaBox') ? { mediaBox: getArray(node, 'MediaBox') } : {}),
    ...(getArray(node, 'CropBox') ? { cropBox: getArray(node, 'CropBox') } : {}),
  };
  const kids = getArray(node, 'Kids');
  // A node with Kids is an intermediate node, whatever its /Type says (broken writers omit it).
  if (kids && getName(node, 'Type') !== 'Page') {
    for (const kid of items(context, kids)) collectPages(context, asDict(kid), here, out, seen, refs);
    return;
  }
  const box = toRect(context, here.cropBox) ?? toRect(context, here.mediaBox) ?? [0, 0, 612, 792];
  const page: PageInfo = { index: out.length, dict: node, cropBox: box };
  const ref = refs.get(node);
  if (ref) page.ref = ref;
  if (here.resources) page.resources = here.resources;
  out.push(page);
}

function toRect(context: PDFContext, array: PDFArray | undefined): [number, number, number, number] | undefined {
  if (!array || array.size() !== 4) return undefined;
  const n = items(context, array).map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  if (n.some((v) => Number.isNaN(v))) return undefined;
  const [a, b, c, d] = n as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** A rectangle entry as numbers, or undefined. */
export function rectOf(context: PDFContext, obj: PDFObject | undefined): [number, number, number, number] | undefined {
  const value = deref(context, obj);
  return value instanceof PDFArray ? toRect(context, value) : undefined;
}
