/**
 * Embedded files: 7.11-1 (the file specification has non-empty /F and /UF) and the rijkspers rule
 * that it describes the file (/Desc): ISO 14289-1, 7.11 asks for a description, which veraPDF does
 * not check, and a reader offered an attachment needs to know what it is.
 */
import { getText } from '../../pdf-objects.js';
import { onObject } from '../../pdf-rule.js';
import { embeddedFiles } from '../shared/embedded-files.js';
import { uaRule } from './ua.js';

export const fileNames = uaRule({
  id: '7.11-1',
  summary: 'The file specification of an embedded file has non-empty /F and /UF entries.',
  help: 'Write the file name as /F and as /UF (Unicode).',
  check: (ctx) =>
    embeddedFiles(ctx)
      .filter((f) => !getText(f.spec, 'F') || !getText(f.spec, 'UF'))
      .map((f) => onObject(f.label, `the file specification lacks ${[!getText(f.spec, 'F') ? '/F' : '', !getText(f.spec, 'UF') ? '/UF' : ''].filter(Boolean).join(' and ')}`)),
});

export const fileDescription = uaRule({
  id: 'RP-embedded-file-desc',
  summary: 'The file specification of an embedded file describes the file (/Desc).',
  help: 'Write what the attached file is in /Desc, e.g. "Brontekst van deze brief (platte tekst)".',
  check: (ctx) =>
    embeddedFiles(ctx)
      .filter((f) => !getText(f.spec, 'Desc')?.trim())
      .map((f) => onObject(f.label, `the embedded file ${getText(f.spec, 'UF') ?? getText(f.spec, 'F') ?? ''} has no /Desc`.replace('  ', ' '))),
});

export const EMBEDDED_FILE_RULES = [fileNames, fileDescription];
