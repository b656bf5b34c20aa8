/**
 * Annotations: 7.18.1-1/2, 7.18.2-1, 7.18.3-1 (Tabs), 7.18.4-1, 7.18.5-1/2 (links), 7.18.8-1.
 *
 * An annotation belongs to an element when an OBJR in the element's /K names it; assistive
 * technology goes the other way, from the annotation's /StructParent through the ParentTree. Both
 * must agree. Hidden annotations and those outside the crop box are exempt, as in veraPDF.
 */
import { PDFDict } from 'pdf-lib';
import type { Finding } from './findings.js';
import { getArray, getName, getNumber, getRaw, getText, items } from './pdf-objects.js';
import { rectOf } from './pdf-model.js';
import type { RuleContext } from './rule-context.js';
import { parentTreeElement, type StructElem } from './struct-tree.js';

const HIDDEN = 1 << 1;

export function checkAnnotations(ctx: RuleContext): Finding[] {
  const { model, tree } = ctx;
  const out: Finding[] = [];

  const byObjr = new Map<PDFDict, StructElem>();
  for (const elem of tree.elements) for (const objr of elem.objrs) if (objr.obj) byObjr.set(objr.obj, elem);

  for (const page of model.pages) {
    const annots = items(model.context, getArray(page.dict, 'Annots')).filter((a): a is PDFDict => a instanceof PDFDict);
    if (annots.length === 0) continue;
    if (getName(page.dict, 'Tabs') !== 'S') {
      const tabs = getName(page.dict, 'Tabs');
      out.push({ rule: '7.18.3-1', page: page.index, message: `page with annotations has ${tabs ? `/Tabs /${tabs}` : 'no /Tabs'}, not /Tabs /S` });
    }
    for (const annot of annots) {
      const subtype = getName(annot, 'Subtype') ?? 'unknown';
      const hidden = ((getNumber(annot, 'F') ?? 0) & HIDDEN) !== 0;
      const rect = rectOf(model.context, getRaw(annot, 'Rect'));
      const [cx1, cy1, cx2, cy2] = page.cropBox;
      const outside = rect !== undefined && (rect[2] < cx1 || rect[0] > cx2 || rect[3] < cy1 || rect[1] > cy2);
      if (hidden || outside) continue;

      const structParent = getNumber(annot, 'StructParent');
      const viaParentTree = structParent === undefined ? undefined : parentTreeElement(model, tree, structParent);
      const viaObjr = byObjr.get(annot);
      const elem = viaParentTree ?? viaObjr;
      const type = elem?.std;
      const label = `${subtype} annotation ${model.objectLabel(annot)}`;
      const linkProblem = (): string | undefined => {
        if (!viaObjr && !viaParentTree) return 'is not in the structure tree';
        if (!viaObjr) return `is named by the ParentTree (${viaParentTree!.type}) but no element's /K has an OBJR for it`;
        if (!viaParentTree) {
          return structParent === undefined
            ? `is in ${viaObjr.type} ${viaObjr.label} through an OBJR but has no /StructParent`
            : `is in ${viaObjr.type} ${viaObjr.label} through an OBJR but the ParentTree has no entry ${structParent}`;
        }
        if (viaParentTree !== viaObjr) return `has an OBJR in ${viaObjr.type} but its /StructParent leads to ${viaParentTree.type}`;
        return undefined;
      };

      switch (subtype) {
        case 'Link': {
          const problem = linkProblem();
          if (problem) out.push({ rule: '7.18.5-1', page: page.index, message: `${label} ${problem}` });
          else if (type !== 'Link') out.push({ rule: '7.18.5-1', page: page.index, message: `${label} is in ${elem!.type}, not in a Link element` });
          if (!getText(annot, 'Contents')?.trim()) out.push({ rule: '7.18.5-2', page: page.index, message: `${label} has no /Contents` });
          break;
        }
        case 'Widget':
          if (type !== 'Form') out.push({ rule: '7.18.4-1', page: page.index, message: `${label} is ${elem ? `in ${elem.type}` : 'not tagged'}, not in a Form element` });
          break;
        case 'Popup':
          break;
        case 'PrinterMark':
          if (elem) out.push({ rule: '7.18.8-1', page: page.index, message: `${label} is in the structure tree (${elem.type})` });
          break;
        case 'TrapNet':
          out.push({ rule: '7.18.2-1', page: page.index, message: `${label} is visible` });
          break;
        default: {
          const problem = linkProblem();
          if (problem || type !== 'Annot') {
            out.push({ rule: '7.18.1-1', page: page.index, message: `${label} ${problem ?? `is in ${elem!.type}`}, not in an Annot element` });
          } else if (!getText(annot, 'Contents')?.trim() && !elem?.alt?.trim()) {
            out.push({ rule: '7.18.1-2', page: page.index, message: `${label} has neither /Contents nor /Alt on its Annot element` });
          }
        }
      }
    }
  }
  return out;
}
