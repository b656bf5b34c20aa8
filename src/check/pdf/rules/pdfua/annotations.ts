/**
 * Annotations: 7.18.1-1/2, 7.18.2-1, 7.18.3-1 (Tabs), 7.18.4-1, 7.18.5-1/2 (links), 7.18.8-1.
 * Hidden annotations and those outside the crop box are exempt, as in veraPDF.
 */
import { getName, getText } from '../../pdf-objects.js';
import { onPage } from '../../pdf-rule.js';
import { annotations, visibleAnnotations, type AnnotationFacts } from '../shared/annotations.js';
import { uaRule } from './ua.js';

const OWN_RULES = new Set(['Link', 'Widget', 'Popup', 'PrinterMark', 'TrapNet']);
const isOther = (a: AnnotationFacts): boolean => !OWN_RULES.has(a.subtype);

export const annotInAnnot = uaRule({
  id: '7.18.1-1',
  summary: 'Annotations other than Link, Widget and Popup are in an Annot element.',
  help: 'Tag the annotation with an Annot element through an OBJR.',
  references: ['28-004'],
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => isOther(a) && (a.linkProblem !== undefined || a.elem?.std !== 'Annot'))
      .map((a) => onPage(a.page, `${a.label} ${a.linkProblem ?? `is in ${a.elem!.type}`}, not in an Annot element`)),
});

export const annotDescribed = uaRule({
  id: '7.18.1-2',
  summary: 'Annotations in Annot elements have Contents or Alt.',
  help: 'Write /Contents on the annotation or /Alt on its element.',
  wcag: ['1.1.1'],
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => isOther(a) && a.linkProblem === undefined && a.elem?.std === 'Annot')
      .filter((a) => !getText(a.dict, 'Contents')?.trim() && !a.elem?.alt?.trim())
      .map((a) => onPage(a.page, `${a.label} has neither /Contents nor /Alt on its Annot element`)),
});

export const noTrapNet = uaRule({
  id: '7.18.2-1',
  summary: 'No visible TrapNet annotations.',
  help: 'Remove the TrapNet annotation.',
  check: (ctx) => visibleAnnotations(ctx).filter((a) => a.subtype === 'TrapNet').map((a) => onPage(a.page, `${a.label} is visible`)),
});

export const tabsS = uaRule({
  id: '7.18.3-1',
  summary: 'Pages with annotations have /Tabs /S.',
  help: 'Set /Tabs /S on the page.',
  references: ['28-008'],
  wcag: ['2.4.3'],
  check: (ctx) => {
    const pages = [...new Set(annotations(ctx).map((a) => a.page))];
    return pages.flatMap((index) => {
      const tabs = getName(ctx.model.pages[index]!.dict, 'Tabs');
      return tabs === 'S' ? [] : [onPage(index, `page with annotations has ${tabs ? `/Tabs /${tabs}` : 'no /Tabs'}, not /Tabs /S`)];
    });
  },
});

export const widgetInForm = uaRule({
  id: '7.18.4-1',
  summary: 'Widget annotations are in a Form element.',
  help: 'Tag form fields with Form elements.',
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => a.subtype === 'Widget' && a.elem?.std !== 'Form')
      .map((a) => onPage(a.page, `${a.label} is ${a.elem ? `in ${a.elem.type}` : 'not tagged'}, not in a Form element`)),
});

export const linkInLink = uaRule({
  id: '7.18.5-1',
  summary: 'Link annotations are in a Link element (OBJR in /K, /StructParent in the ParentTree).',
  help: 'Reference the annotation from a Link element with an OBJR and set its /StructParent.',
  references: ['28-011'],
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => a.subtype === 'Link' && (a.linkProblem !== undefined || a.elem?.std !== 'Link'))
      .map((a) => onPage(a.page, a.linkProblem !== undefined ? `${a.label} ${a.linkProblem}` : `${a.label} is in ${a.elem!.type}, not in a Link element`)),
});

export const linkContents = uaRule({
  id: '7.18.5-2',
  summary: 'Link annotations have a non-empty /Contents.',
  help: 'Describe the link target in /Contents.',
  wcag: ['2.4.4'],
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => a.subtype === 'Link' && !getText(a.dict, 'Contents')?.trim())
      .map((a) => onPage(a.page, `${a.label} has no /Contents`)),
});

export const printerMarkUntagged = uaRule({
  id: '7.18.8-1',
  summary: 'PrinterMark annotations are not in the structure tree.',
  help: 'Remove the PrinterMark annotation from the structure.',
  check: (ctx) =>
    visibleAnnotations(ctx)
      .filter((a) => a.subtype === 'PrinterMark' && a.elem !== undefined)
      .map((a) => onPage(a.page, `${a.label} is in the structure tree (${a.elem!.type})`)),
});

export const ANNOTATION_RULES = [annotInAnnot, annotDescribed, noTrapNet, tabsS, widgetInForm, linkInLink, linkContents, printerMarkUntagged];
