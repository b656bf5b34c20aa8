/**
 * File structure (ISO 19005-2, 6.1): the header and its binary comment (6.1.2-1/2), the trailer's
 * file identifier (6.1.3-1) and no encryption (6.1.3-2), nothing after the last `%%EOF` but one
 * end-of-line (6.1.3-3), no external streams (6.1.7.1-3) and only the permitted filters
 * (6.1.7.2-1: no LZWDecode, no Crypt other than Identity, nothing outside ISO 32000-1 Table 6).
 */
import { PDFArray, PDFName, PDFStream } from 'pdf-lib';
import { asDict, get, getName, items, nameValue } from '../../pdf-objects.js';
import { onObject, type RuleHit } from '../../pdf-rule.js';
import { pdfaFileRule, pdfaRule } from './pdfa.js';

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

export const unreadable = pdfaFileRule('b', {
  id: 'RP-unreadable',
  summary: 'The file can be read as a PDF (without that, no other PDF/A rule can be judged).',
  help: 'Regenerate the file; it is damaged or not a PDF.',
  check: ({ loadError }) => (loadError === undefined ? [] : [{ message: `not a readable PDF: ${loadError}` }]),
});

export const header = pdfaFileRule('b', {
  id: '6.1.2-1',
  summary: 'The file begins at byte 0 with "%PDF-1.n" (n from 0 to 7) followed by a single end-of-line marker.',
  help: 'Write the header as the very first bytes of the file: %PDF-1.7 and a line feed.',
  check: ({ bytes }) => {
    const head = latin1(bytes.subarray(0, 16));
    return /^%PDF-1\.[0-7](\r\n|\r|\n)/.test(head) ? [] : [{ message: `the file starts with ${JSON.stringify(head.split(/[\r\n]/)[0]!.slice(0, 12))}, not %PDF-1.n and an end-of-line` }];
  },
});

export const binaryComment = pdfaFileRule('b', {
  id: '6.1.2-2',
  summary: 'The header line is followed by a comment of "%" and at least four bytes above 127.',
  help: 'Write a binary comment such as %\\xE2\\xE3\\xCF\\xD3 on the second line.',
  check: ({ bytes }) => {
    const m = /^%PDF-\d\.\d(\r\n|\r|\n)/.exec(latin1(bytes.subarray(0, 16)));
    if (!m) return [{ message: 'no header line, so no binary comment after it' }];
    const at = m[0].length;
    const comment = bytes.subarray(at, at + 5);
    const ok = comment[0] === 0x25 && comment.length === 5 && [...comment.subarray(1)].every((b) => b > 127);
    return ok ? [] : [{ message: 'the second line is not "%" followed by four bytes above 127' }];
  },
});

export const trailerId = pdfaRule('b', {
  id: '6.1.3-1',
  summary: 'The trailer has an /ID (file identifiers, ISO 32000-1, 14.4).',
  help: 'Write /ID [<…> <…>] in the trailer (pdfkit writes one; derive it from the content for reproducible output).',
  check: ({ model }) => {
    const id = model.trailer.ID ? model.context.lookup(model.trailer.ID) : undefined;
    return id instanceof PDFArray && id.size() > 0 ? [] : [{ message: 'the trailer has no /ID' }];
  },
});

export const notEncrypted = pdfaFileRule('b', {
  id: '6.1.3-2',
  summary: 'The trailer has no /Encrypt: the file is not encrypted.',
  help: 'Publish without encryption or password protection.',
  check: ({ encrypted }) => (encrypted ? [{ message: 'the trailer has /Encrypt' }] : []),
});

export const nothingAfterEof = pdfaFileRule('b', {
  id: '6.1.3-3',
  summary: 'No data follows the last %%EOF except a single optional end-of-line marker.',
  help: 'Cut the file after %%EOF and its line end.',
  check: ({ bytes }) => {
    const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 2048)));
    const at = tail.lastIndexOf('%%EOF');
    if (at < 0) return [{ message: 'no %%EOF marker in the last 2048 bytes' }];
    const after = tail.slice(at + 5);
    return after === '' || after === '\n' || after === '\r' || after === '\r\n' ? [] : [{ message: `${after.length} bytes follow the last %%EOF` }];
  },
});

export const noExternalStreams = pdfaRule('b', {
  id: '6.1.7.1-3',
  summary: 'No stream dictionary has the F, FFilter or FDecodeParms keys (no stream content in external files).',
  help: 'Embed the stream data in the file.',
  check: ({ model }) => {
    const out: RuleHit[] = [];
    for (const [ref, obj] of model.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFStream)) continue;
      const keys = ['F', 'FFilter', 'FDecodeParms'].filter((k) => obj.dict.has(PDFName.of(k)));
      if (keys.length > 0) out.push(onObject(`object ${ref.objectNumber} ${ref.generationNumber} R`, `a stream dictionary has ${keys.join(', ')}`));
    }
    return out;
  },
});

const PERMITTED_FILTERS = new Set(['ASCIIHexDecode', 'ASCII85Decode', 'FlateDecode', 'RunLengthDecode', 'CCITTFaxDecode', 'JBIG2Decode', 'DCTDecode', 'JPXDecode']);

export const permittedFilters = pdfaRule('b', {
  id: '6.1.7.2-1',
  summary: 'Streams use only the filters of ISO 32000-1 Table 6 other than LZWDecode, and Crypt only with the Identity filter.',
  help: 'Re-encode LZW streams with FlateDecode.',
  check: ({ model }) => {
    const out: RuleHit[] = [];
    for (const [ref, obj] of model.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFStream)) continue;
      const filter = get(obj.dict, 'Filter');
      const names = filter instanceof PDFArray ? items(model.context, filter).map(nameValue) : [nameValue(filter)];
      const parms = get(obj.dict, 'DecodeParms');
      names.forEach((name, i) => {
        if (name === undefined || PERMITTED_FILTERS.has(name)) return;
        // Crypt with the Identity filter (the default when /Name is absent) changes nothing.
        const parm = asDict(parms instanceof PDFArray ? items(model.context, parms)[i] : parms);
        if (name === 'Crypt' && (getName(parm, 'Name') ?? 'Identity') === 'Identity') return;
        out.push(onObject(`object ${ref.objectNumber} ${ref.generationNumber} R`, `a stream uses the ${name} filter`));
      });
    }
    return out;
  },
});

export const FILE_STRUCTURE_RULES = [unreadable, header, binaryComment, trailerId, notEncrypted, nothingAfterEof, noExternalStreams, permittedFilters];
