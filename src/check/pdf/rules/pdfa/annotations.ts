/**
 * Annotations (ISO 19005-2, 6.3): permitted types (6.3.1-1), the /F key (6.3.2-1) with Print set
 * and Hidden, Invisible, NoView, ToggleNoView clear (6.3.2-2), and an appearance stream for every
 * annotation but Popup, Link and zero-sized ones (6.3.3-1), holding only /N (6.3.3-2).
 */
import { PDFDict, PDFStream } from 'pdf-lib';
import { get, getDict, getName, getRaw } from '../../pdf-objects.js';
import { rectOf } from '../../pdf-model.js';
import { onPage } from '../../pdf-rule.js';
import { annotations } from '../shared/annotations.js';
import { pdfaRule } from './pdfa.js';

const PERMITTED = new Set([
  'Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly',
  'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Widget', 'PrinterMark', 'TrapNet', 'Watermark', 'Redact',
]);

export const annotationTypes = pdfaRule('b', {
  id: '6.3.1-1',
  summary: 'Annotation types are those of ISO 32000-1, other than 3D, Sound, Screen and Movie.',
  help: 'Remove the annotation or replace it by a permitted type.',
  check: (ctx) => annotations(ctx).filter((a) => !PERMITTED.has(a.subtype)).map((a) => onPage(a.page, `${a.label}: type ${a.subtype} is not permitted`)),
});

export const flagsPresent = pdfaRule('b', {
  id: '6.3.2-1',
  summary: 'Every annotation except Popup has the /F (flags) key.',
  help: 'Write /F 4 (Print) on the annotation.',
  check: (ctx) => annotations(ctx).filter((a) => a.subtype !== 'Popup' && a.flags === undefined).map((a) => onPage(a.page, `${a.label} has no /F`)),
});

const INVISIBLE = 1;
const HIDDEN = 2;
const PRINT = 4;
const NO_VIEW = 32;
const TOGGLE_NO_VIEW = 256;

export const printFlag = pdfaRule('b', {
  id: '6.3.2-2',
  summary: 'Annotation flags have Print set and Hidden, Invisible, ToggleNoView and NoView clear.',
  help: 'Write /F 4.',
  check: (ctx) =>
    annotations(ctx)
      .filter((a) => a.flags !== undefined && ((a.flags & PRINT) === 0 || (a.flags & (INVISIBLE | HIDDEN | NO_VIEW | TOGGLE_NO_VIEW)) !== 0))
      .map((a) => onPage(a.page, `${a.label} has /F ${a.flags}`)),
});

export const appearance = pdfaRule('b', {
  id: '6.3.3-1',
  summary: 'Every annotation except Popup, Link and those with a zero-sized /Rect has an appearance dictionary (/AP).',
  help: 'Give the annotation an /AP << /N stream >>.',
  check: (ctx) =>
    annotations(ctx)
      .filter((a) => {
        if (a.subtype === 'Popup' || a.subtype === 'Link' || get(a.dict, 'AP') !== undefined) return false;
        const rect = rectOf(ctx.model.context, getRaw(a.dict, 'Rect'));
        return !(rect && rect[0] === rect[2] && rect[1] === rect[3]);
      })
      .map((a) => onPage(a.page, `${a.label} has no /AP`)),
});

export const normalAppearanceOnly = pdfaRule('b', {
  id: '6.3.3-2',
  summary: 'An appearance dictionary holds only /N, a stream (a subdictionary for Widget buttons).',
  help: 'Write /AP << /N stream >> without /R or /D.',
  check: (ctx) =>
    annotations(ctx).flatMap((a) => {
      const ap = getDict(a.dict, 'AP');
      if (!ap) return [];
      const keys = [...ap.keys()].map((k) => k.decodeText());
      const n = get(ap, 'N');
      const button = a.subtype === 'Widget' && getName(a.dict, 'FT') === 'Btn';
      const ok = keys.length === 1 && keys[0] === 'N' && (button ? n instanceof PDFDict : n instanceof PDFStream);
      return ok ? [] : [onPage(a.page, `${a.label}: /AP has ${keys.join(', ')}${n === undefined ? '' : ` and /N is a ${n instanceof PDFStream ? 'stream' : 'dictionary'}`}`)];
    }),
});

export const ANNOTATION_RULES = [annotationTypes, flagsPresent, printFlag, appearance, normalAppearanceOnly];
