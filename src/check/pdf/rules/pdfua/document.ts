/** The file as a whole, the catalog and the XMP metadata: RP-unreadable, RP-encrypted, 5-1, 5-2, 6.2-1, 7.1-4, 7.1-8 … 7.1-11. */
import { getBool, getDict, getStream } from '../../pdf-objects.js';
import { onObject, type RuleHit } from '../../pdf-rule.js';
import { noStructTreeRoot, notMarked } from '../shared/document.js';
import { uaFileRule, uaRule } from './ua.js';

export const unreadable = uaFileRule({
  id: 'RP-unreadable',
  summary: 'The file can be read as a PDF.',
  help: 'Regenerate the file; it is damaged or not a PDF.',
  check: ({ loadError }) => (loadError === undefined ? [] : [{ message: `not a readable PDF: ${loadError}` }]),
});

export const encrypted = uaFileRule({
  id: 'RP-encrypted',
  summary: 'The file is not encrypted (rijkspers cannot check encrypted content; PDF/UA 7.16 also limits encryption).',
  help: 'Publish without encryption.',
  check: (ctx) => (ctx.encrypted ? [{ message: 'the file is encrypted; its content cannot be checked' }] : []),
});

/** The XMP stream's label, for hits on it. */
function metadataLabel(ctx: Parameters<typeof notMarked>[0]): string {
  return ctx.model.objectLabel(getStream(ctx.model.catalog, 'Metadata'));
}

export const pdfuaIdentification = uaRule({
  id: '5-1',
  summary: 'The XMP metadata identifies the file as PDF/UA (pdfuaid:part) and is well-formed XML.',
  help: 'Write pdfuaid:part in the XMP packet and XML-escape every value (& < > "); leave out characters XML forbids (U+FFFE, U+FFFF, most C0 controls).',
  references: ['06-002'],
  check: (ctx): RuleHit[] => {
    if (!ctx.xmp) return [];
    if (ctx.xmp.error !== undefined) return [onObject(metadataLabel(ctx), `the XMP metadata is not well-formed: ${ctx.xmp.error}`)];
    if (ctx.xmp.uaPart === undefined) return [onObject(metadataLabel(ctx), 'the XMP metadata has no PDF/UA identification (pdfuaid:part)')];
    return [];
  },
});

export const pdfuaPart = uaRule({
  id: '5-2',
  summary: 'pdfuaid:part is 1.',
  help: 'Set pdfuaid:part to 1.',
  check: (ctx) => (ctx.xmp?.uaPart !== undefined && ctx.xmp.uaPart !== '1' ? [onObject(metadataLabel(ctx), `pdfuaid:part is "${ctx.xmp.uaPart}", not 1`)] : []),
});

export const marked = uaRule({
  id: '6.2-1',
  summary: 'The catalog has /MarkInfo with /Marked true.',
  help: 'Write /MarkInfo << /Marked true >> in the catalog (pdfkit: tagged: true).',
  check: notMarked,
});

export const suspects = uaRule({
  id: '7.1-4',
  summary: 'MarkInfo /Suspects is not true.',
  help: 'Remove /Suspects true from /MarkInfo.',
  references: ['01-007'],
  check: ({ model }) =>
    getBool(getDict(model.catalog, 'MarkInfo'), 'Suspects') === true ? [onObject(model.objectLabel(model.catalog), '/MarkInfo /Suspects is true')] : [],
});

export const metadataStream = uaRule({
  id: '7.1-8',
  summary: 'The catalog has a /Metadata XMP stream.',
  help: 'Embed an XMP metadata stream in the catalog.',
  references: ['06-001'],
  check: ({ model, xmp }) => (xmp ? [] : [onObject(model.objectLabel(model.catalog), 'the catalog has no /Metadata stream')]),
});

export const title = uaRule({
  id: '7.1-9',
  summary: 'The XMP metadata has a non-empty dc:title.',
  help: 'Write the document title as dc:title.',
  references: ['06-003'],
  check: (ctx) => {
    const { xmp } = ctx;
    if (!xmp) return [];
    if (xmp.error !== undefined) return [onObject(metadataLabel(ctx), 'dc:title cannot be read: the XMP metadata is not well-formed')];
    if (xmp.title === undefined) return [onObject(metadataLabel(ctx), 'the XMP metadata has no dc:title')];
    if (xmp.title.trim() === '') return [onObject(metadataLabel(ctx), 'dc:title is empty')];
    return [];
  },
});

export const displayDocTitle = uaRule({
  id: '7.1-10',
  summary: 'The catalog has /ViewerPreferences with /DisplayDocTitle true.',
  help: 'Set /ViewerPreferences << /DisplayDocTitle true >> (pdfkit: displayTitle: true).',
  references: ['07-001', '07-002'],
  check: ({ model }) =>
    getBool(getDict(model.catalog, 'ViewerPreferences'), 'DisplayDocTitle') === true
      ? []
      : [onObject(model.objectLabel(model.catalog), 'no /ViewerPreferences /DisplayDocTitle true: viewers show the file name, not the title')],
});

export const structTreeRoot = uaRule({
  id: '7.1-11',
  summary: 'The catalog has a /StructTreeRoot.',
  help: 'Tag the document: build a structure tree.',
  check: noStructTreeRoot,
});

export const DOCUMENT_RULES = [unreadable, encrypted, pdfuaIdentification, pdfuaPart, marked, suspects, metadataStream, title, displayDocTitle, structTreeRoot];
