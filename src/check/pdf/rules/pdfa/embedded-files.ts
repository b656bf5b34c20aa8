/**
 * Embedded files (ISO 19005-2, 6.8): an embedded file must itself be PDF/A-1 or PDF/A-2 (6.8-1;
 * checked here as far as "is a PDF at all": embedded PDFs are not validated in turn), and its file
 * specification has /F and /UF (6.8-2). PDF/A-3 lifts 6.8-1; rijkspers has no PDF/A-3 profile.
 */
import { StreamDecodeError, getText, streamBytes } from '../../pdf-objects.js';
import { onObject, type RuleHit } from '../../pdf-rule.js';
import { embeddedFiles } from '../shared/embedded-files.js';
import { pdfaRule } from './pdfa.js';

export const embeddedPdfOnly = pdfaRule('b', {
  id: '6.8-1',
  summary: 'Embedded files are PDF/A-1 or PDF/A-2 files (checked: they are PDFs; their own conformance is not checked here).',
  help: 'Leave other files out, or publish as PDF/A-3 (rijkspers --pdf-standard a3a-ua1) where any file may be associated.',
  check: (ctx) =>
    embeddedFiles(ctx).flatMap((f): RuleHit[] => {
      if (!f.stream) return [onObject(f.label, 'the embedded file is not a stream')];
      let head: string;
      try {
        head = Buffer.from(streamBytes(f.stream).subarray(0, 5)).toString('latin1');
      } catch (e) {
        if (!(e instanceof StreamDecodeError)) throw e;
        return [onObject(f.label, `the embedded file cannot be decoded (${e.message})`)];
      }
      return head === '%PDF-' ? [] : [onObject(f.label, `the embedded file ${getText(f.spec, 'UF') ?? getText(f.spec, 'F') ?? ''} is not a PDF`)];
    }),
});

export const embeddedFileNames = pdfaRule('b', {
  id: '6.8-2',
  summary: 'The file specification of an embedded file has /F and /UF.',
  help: 'Write the file name as /F and as /UF (Unicode).',
  check: (ctx) =>
    embeddedFiles(ctx)
      .filter((f) => getText(f.spec, 'F') === undefined || getText(f.spec, 'UF') === undefined)
      .map((f) => onObject(f.label, 'the file specification lacks /F or /UF')),
});

export const EMBEDDED_FILE_RULES = [embeddedPdfOnly, embeddedFileNames];
