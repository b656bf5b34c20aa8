/**
 * Metadata (ISO 19005-2, 6.6): a /Metadata stream of /Type /Metadata /Subtype /XML in the catalog
 * (6.6.2.1-1), an `xpacket` header without `bytes` or `encoding` (6.6.2.1-2/3), a well-formed
 * packet (6.6.2.1-4), every property from a predefined schema or one described by a PDF/A
 * extension schema in the packet (6.6.2.3.1-1), and the PDF/A identification (6.6.4-1 … 6.6.4-4).
 * RP-info-xmp compares the Info dictionary with the XMP, as ISO 19005-1, 6.7.3 requires of PDF/A-1
 * (PDF/A-2 has no machine rule for it; a reader may show either, so they should agree).
 */
import { PDFString, PDFHexString } from 'pdf-lib';
import { asDict, deref, get, getName, getStream } from '../../pdf-objects.js';
import { onObject, type DocContext, type RuleHit } from '../../pdf-rule.js';
import { NS_DC, NS_PDF, NS_PDFAID, NS_XMP, type XmpProperty } from '../../xmp.js';
import { pdfaRule } from './pdfa.js';

const metadataLabel = (ctx: DocContext): string => ctx.model.objectLabel(getStream(ctx.model.catalog, 'Metadata'));

export const metadataStream = pdfaRule('b', {
  id: '6.6.2.1-1',
  summary: 'The catalog has a /Metadata stream with /Type /Metadata and /Subtype /XML.',
  help: 'Embed the XMP packet as /Metadata << /Type /Metadata /Subtype /XML >> in the catalog.',
  references: ['ISO 32000-1:2008, 14.3.2'],
  check: (ctx) => {
    const stream = getStream(ctx.model.catalog, 'Metadata');
    if (!stream) return [onObject(ctx.model.objectLabel(ctx.model.catalog), 'the catalog has no /Metadata stream')];
    const type = getName(stream.dict, 'Type');
    const subtype = getName(stream.dict, 'Subtype');
    return type === 'Metadata' && subtype === 'XML' ? [] : [onObject(metadataLabel(ctx), `the metadata stream has /Type ${type ?? '(none)'} /Subtype ${subtype ?? '(none)'}`)];
  },
});

const headerRule = (id: string, attribute: string): ReturnType<typeof pdfaRule> =>
  pdfaRule('b', {
    id,
    summary: `The xpacket header has no ${attribute} attribute.`,
    help: `Write <?xpacket begin="\u00ef\u00bb\u00bf" id="W5M0MpCehiHzreSzNTczkc9d"?> without ${attribute}.`,
    check: (ctx) => (ctx.xmp?.header?.has(attribute) ? [onObject(metadataLabel(ctx), `the xpacket header has ${attribute}="${ctx.xmp.header.get(attribute)}"`)] : []),
  });
export const noBytesAttribute = headerRule('6.6.2.1-2', 'bytes');
export const noEncodingAttribute = headerRule('6.6.2.1-3', 'encoding');

export const wellFormed = pdfaRule('b', {
  id: '6.6.2.1-4',
  summary: 'The XMP packet is well-formed XML 1.0 and RDF/XML.',
  help: 'XML-escape every value (& < > ") and leave out characters XML forbids (U+FFFE, U+FFFF, most C0 controls).',
  check: (ctx) => (ctx.xmp?.error !== undefined ? [onObject(metadataLabel(ctx), `the XMP metadata is not well-formed: ${ctx.xmp.error}`)] : []),
});

/**
 * Properties of the schemas XMP (2005) predefines, and PDF/A's own identification schema. A
 * namespace mapped to `undefined` accepts any property name (camera and image schemas).
 */
const PREDEFINED: ReadonlyMap<string, ReadonlySet<string> | undefined> = new Map<string, ReadonlySet<string> | undefined>([
  [NS_DC, new Set(['contributor', 'coverage', 'creator', 'date', 'description', 'format', 'identifier', 'language', 'publisher', 'relation', 'rights', 'source', 'subject', 'title', 'type'])],
  [NS_XMP, new Set(['Advisory', 'BaseURL', 'CreateDate', 'CreatorTool', 'Identifier', 'Label', 'MetadataDate', 'ModifyDate', 'Nickname', 'Rating', 'Thumbnails'])],
  ['http://ns.adobe.com/xap/1.0/rights/', new Set(['Certificate', 'Marked', 'Owner', 'UsageTerms', 'WebStatement'])],
  ['http://ns.adobe.com/xap/1.0/mm/', new Set(['DerivedFrom', 'DocumentID', 'History', 'Ingredients', 'InstanceID', 'LastURL', 'ManagedFrom', 'Manager', 'ManageTo', 'ManageUI', 'ManagerVariant', 'OriginalDocumentID', 'RenditionClass', 'RenditionOf', 'RenditionParams', 'SaveID', 'VersionID', 'Versions'])],
  ['http://ns.adobe.com/xap/1.0/bj/', new Set(['JobRef'])],
  ['http://ns.adobe.com/xap/1.0/t/pg/', new Set(['MaxPageSize', 'NPages', 'Fonts', 'Colorants', 'PlateNames'])],
  [NS_PDF, new Set(['Keywords', 'PDFVersion', 'Producer', 'Trapped'])],
  [NS_PDFAID, new Set(['part', 'amd', 'corr', 'conformance'])],
  ['http://www.aiim.org/pdfa/ns/extension/', new Set(['schemas'])],
  ['http://ns.adobe.com/photoshop/1.0/', undefined],
  ['http://ns.adobe.com/camera-raw-settings/1.0/', undefined],
  ['http://ns.adobe.com/tiff/1.0/', undefined],
  ['http://ns.adobe.com/exif/1.0/', undefined],
  ['http://ns.adobe.com/exif/1.0/aux/', undefined],
  ['http://ns.adobe.com/xmp/1.0/DynamicMedia/', undefined],
]);

function isDefined(property: XmpProperty, extensions: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (PREDEFINED.has(property.ns)) {
    const names = PREDEFINED.get(property.ns);
    return names === undefined || names.has(property.local);
  }
  return extensions.get(property.ns)?.has(property.local) ?? false;
}

export const definedProperties = pdfaRule('b', {
  id: '6.6.2.3.1-1',
  summary: 'Every XMP property comes from a schema XMP predefines, PDF/A\'s own, or an extension schema described in the packet (pdfaExtension:schemas).',
  help: 'Describe the schema in pdfaExtension:schemas (namespace URI, prefix, and each property with its value type, category and description), e.g. for pdfuaid:part.',
  check: (ctx) => {
    const xmp = ctx.xmp;
    if (!xmp || xmp.error !== undefined) return [];
    const undefinedOnes = xmp.properties.filter((p) => !isDefined(p, xmp.extensionProperties));
    return undefinedOnes.map((p) => onObject(metadataLabel(ctx), `${p.prefix ? `${p.prefix}:` : ''}${p.local} (${p.ns}) is neither predefined nor described by an extension schema`));
  },
});

export const identification = pdfaRule('b', {
  id: '6.6.4-1',
  summary: 'The XMP metadata has the PDF/A identification (pdfaid:part and pdfaid:conformance).',
  help: 'Write pdfaid:part 2 and pdfaid:conformance (A, B or U) in the XMP packet.',
  check: (ctx) => {
    if (!ctx.xmp || ctx.xmp.error !== undefined) return [];
    return ctx.xmp.pdfaPart === undefined ? [onObject(metadataLabel(ctx), 'the XMP metadata has no pdfaid:part')] : [];
  },
});

export const part = pdfaRule('b', {
  id: '6.6.4-2',
  summary: 'pdfaid:part is 2.',
  help: 'Set pdfaid:part to 2.',
  check: (ctx) => (ctx.xmp?.error === undefined && ctx.xmp?.pdfaPart !== undefined && ctx.xmp.pdfaPart !== '2' ? [onObject(metadataLabel(ctx), `pdfaid:part is "${ctx.xmp.pdfaPart}", not 2`)] : []),
});

/** Levels that satisfy a check at each level: A implies U implies B (ISO 19005-2, 2 and 6.6.4). */
const SATISFIES: Record<string, readonly string[]> = { b: ['A', 'B', 'U'], u: ['A', 'U'], a: ['A'] };

export const conformance = pdfaRule('b', {
  id: '6.6.4-3',
  summary: 'pdfaid:conformance names the conformance level checked (A for PDF/A-2a; A or U for 2u; A, B or U for 2b).',
  help: 'Write pdfaid:conformance A for a tagged, Unicode-mapped file.',
  check: (ctx) => {
    const xmp = ctx.xmp;
    if (!xmp || xmp.error !== undefined || xmp.pdfaPart === undefined) return [];
    const level = ctx.pdfaLevel ?? 'b';
    const value = xmp.pdfaConformance;
    if (value !== undefined && SATISFIES[level]!.includes(value)) return [];
    return [onObject(metadataLabel(ctx), value === undefined ? 'the XMP metadata has no pdfaid:conformance' : `pdfaid:conformance is "${value}", not ${SATISFIES[level]!.join(' or ')} as PDF/A-2${level} requires`)];
  },
});

export const identificationPrefix = pdfaRule('b', {
  id: '6.6.4-4',
  summary: 'The PDF/A identification properties use the namespace prefix pdfaid.',
  help: 'Declare xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" and use that prefix.',
  check: (ctx) => {
    const wrong = (ctx.xmp?.pdfaidPrefixes ?? []).filter((p) => p !== 'pdfaid');
    return wrong.length > 0 ? [onObject(metadataLabel(ctx), `the PDF/A identification uses the prefix ${wrong.map((p) => `"${p}"`).join(', ')}`)] : [];
  },
});

// ------------------------------------------------------------------ Info ↔ XMP

/** D:YYYYMMDDHHmmSSOHH'mm' → milliseconds since the epoch (PDF dates, ISO 32000-1, 7.9.4). */
export function pdfDateMillis(text: string): number | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  return sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc;
}

/** XMP dates (ISO 8601 subset) → milliseconds; a date without a zone counts as UTC, like one without in the Info dictionary. */
export function xmpDateMillis(text: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!zone || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [zh, zm] = zone.slice(1).split(':').map(Number);
  return utc - sign * ((zh! * 60 + zm!) * 60_000);
}

const INFO_TO_XMP: ReadonlyArray<[string, string, string, 'text' | 'date']> = [
  ['Title', NS_DC, 'title', 'text'],
  ['Author', NS_DC, 'creator', 'text'],
  ['Subject', NS_DC, 'description', 'text'],
  ['Keywords', NS_PDF, 'Keywords', 'text'],
  ['Creator', NS_XMP, 'CreatorTool', 'text'],
  ['Producer', NS_PDF, 'Producer', 'text'],
  ['CreationDate', NS_XMP, 'CreateDate', 'date'],
  ['ModDate', NS_XMP, 'ModifyDate', 'date'],
];

export const infoMatchesXmp = pdfaRule('b', {
  id: 'RP-info-xmp',
  summary: 'Each Info dictionary entry (Title, Author, Subject, Keywords, Creator, Producer, CreationDate, ModDate) has an equal XMP counterpart (dc:title, dc:creator, dc:description, pdf:Keywords, xmp:CreatorTool, pdf:Producer, xmp:CreateDate, xmp:ModifyDate).',
  help: 'Write the same values in both, or leave the Info entry out.',
  severity: 'warning',
  check: (ctx) => {
    const xmp = ctx.xmp;
    const info = asDict(deref(ctx.model.context, ctx.model.trailer.Info));
    if (!xmp || xmp.error !== undefined || !info) return [];
    const out: RuleHit[] = [];
    for (const [key, ns, local, kind] of INFO_TO_XMP) {
      const raw = get(info, key);
      if (!(raw instanceof PDFString || raw instanceof PDFHexString)) continue;
      const value = raw.decodeText();
      const property = xmp.properties.find((p) => p.ns === ns && p.local === local);
      const label = `Info /${key}`;
      if (!property) {
        out.push(onObject(label, `Info /${key} "${value}" has no ${local} in the XMP metadata`));
        continue;
      }
      const same = kind === 'date' ? pdfDateMillis(value) !== undefined && pdfDateMillis(value) === xmpDateMillis(property.value) : value === property.value;
      if (!same) out.push(onObject(label, `Info /${key} "${value}" differs from the XMP's "${property.value}"`));
    }
    return out;
  },
});

export const METADATA_RULES = [metadataStream, noBytesAttribute, noEncodingAttribute, wellFormed, definedProperties, identification, part, conformance, identificationPrefix, infoMatchesXmp];
