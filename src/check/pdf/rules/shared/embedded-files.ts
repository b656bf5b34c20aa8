/**
 * The file specifications of embedded files, found once: the catalog's /EmbeddedFiles name tree,
 * its /AF (associated files) and FileAttachment annotations. Only those with an /EF entry embed a
 * file; PDF/UA-1 (7.11) and PDF/A-2 (6.8) judge those.
 */
import { PDFDict, PDFStream } from 'pdf-lib';
import { asDict, get, getArray, getDict, items, readNameTree } from '../../pdf-objects.js';
import { shared, type DocContext } from '../../pdf-rule.js';
import { annotations } from './annotations.js';

export interface EmbeddedFile {
  spec: PDFDict;
  /** `object 12 0 R`, for messages. */
  label: string;
  /** The embedded stream (/EF /F or /UF), when it is one. */
  stream?: PDFStream;
}

function computeEmbeddedFiles(ctx: DocContext): EmbeddedFile[] {
  const { model } = ctx;
  const specs = new Set<PDFDict>();
  for (const value of readNameTree(model.context, getDict(getDict(model.catalog, 'Names'), 'EmbeddedFiles')).values()) {
    const spec = asDict(model.context.lookup(value));
    if (spec) specs.add(spec);
  }
  for (const value of items(model.context, getArray(model.catalog, 'AF'))) {
    const spec = asDict(value);
    if (spec) specs.add(spec);
  }
  for (const annot of annotations(ctx)) {
    const spec = getDict(annot.dict, 'FS');
    if (annot.subtype === 'FileAttachment' && spec) specs.add(spec);
  }
  return [...specs]
    .filter((spec) => get(spec, 'EF') instanceof PDFDict)
    .map((spec) => {
      const ef = getDict(spec, 'EF');
      const stream = get(ef, 'F') ?? get(ef, 'UF');
      return { spec, label: model.objectLabel(spec), ...(stream instanceof PDFStream ? { stream } : {}) };
    });
}

export const embeddedFiles = (ctx: DocContext): EmbeddedFile[] => shared(ctx, computeEmbeddedFiles);

