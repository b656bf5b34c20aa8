/** Catalog and metadata rules: 6.2-1, 7.1-4, 7.1-8 … 7.1-11, 5-1, 5-2. */
import type { Finding } from './findings.js';
import { StreamDecodeError, getBool, getDict, getStream, streamBytes } from './pdf-objects.js';
import type { RuleContext } from './rule-context.js';
import { readXmp, type XmpFacts } from './xmp.js';

export function checkCatalog({ model }: RuleContext): Finding[] {
  const out: Finding[] = [];
  const catalog = model.catalog;
  const object = model.objectLabel(catalog);

  const markInfo = getDict(catalog, 'MarkInfo');
  if (getBool(markInfo, 'Marked') !== true) {
    out.push({
      rule: '6.2-1',
      object,
      message: markInfo ? '/MarkInfo has no /Marked true' : 'the catalog has no /MarkInfo dictionary',
    });
  }
  if (getBool(markInfo, 'Suspects') === true) {
    out.push({ rule: '7.1-4', object, message: '/MarkInfo /Suspects is true' });
  }
  if (!getDict(catalog, 'StructTreeRoot')) {
    out.push({ rule: '7.1-11', object, message: 'the catalog has no /StructTreeRoot: the document is not tagged' });
  }
  if (getBool(getDict(catalog, 'ViewerPreferences'), 'DisplayDocTitle') !== true) {
    out.push({ rule: '7.1-10', object, message: 'no /ViewerPreferences /DisplayDocTitle true: viewers show the file name, not the title' });
  }

  const metadata = getStream(catalog, 'Metadata');
  if (!metadata) {
    out.push({ rule: '7.1-8', object, message: 'the catalog has no /Metadata stream' });
    return out;
  }
  const where = model.objectLabel(metadata);
  let xmp: XmpFacts;
  try {
    xmp = readXmp(streamBytes(metadata));
  } catch (e) {
    if (!(e instanceof StreamDecodeError)) throw e;
    xmp = { error: `the stream cannot be decoded (${e.message})`, usesXDefault: false };
  }
  if (xmp.error !== undefined) {
    out.push({ rule: '5-1', object: where, message: `the XMP metadata is not well-formed XML: ${xmp.error}` });
    out.push({ rule: '7.1-9', object: where, message: 'dc:title cannot be read: the XMP metadata is not well-formed' });
    return out;
  }
  if (xmp.part === undefined) {
    out.push({ rule: '5-1', object: where, message: 'the XMP metadata has no PDF/UA identification (pdfuaid:part)' });
  } else if (xmp.part !== '1') {
    out.push({ rule: '5-2', object: where, message: `pdfuaid:part is "${xmp.part}", not 1` });
  }
  if (xmp.title === undefined) {
    out.push({ rule: '7.1-9', object: where, message: 'the XMP metadata has no dc:title' });
  } else if (xmp.title.trim() === '') {
    out.push({ rule: '7.1-9', object: where, message: 'dc:title is empty' });
  }
  return out;
}
