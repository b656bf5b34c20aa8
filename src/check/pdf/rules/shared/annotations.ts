/**
 * The annotations rules judge, found once: every annotation of every page with its subtype and
 * flags, and for the visible ones (not hidden, inside the crop box, as veraPDF exempts) the
 * structure element it belongs to. An annotation belongs to an element when an OBJR in the
 * element's /K names it; assistive technology goes the other way, from the annotation's
 * /StructParent through the ParentTree. Both must agree.
 */
import { PDFDict } from 'pdf-lib';
import { rectOf } from '../../pdf-model.js';
import { getArray, getName, getNumber, getRaw, items } from '../../pdf-objects.js';
import { shared, type DocContext } from '../../pdf-rule.js';
import { parentTreeElement, type StructElem } from '../../struct-tree.js';

export interface AnnotationFacts {
  /** 0-based page index. */
  page: number;
  dict: PDFDict;
  subtype: string;
  /** `Link annotation object 12 0 R`, for messages. */
  label: string;
  /** The /F flags, undefined when absent. */
  flags?: number;
  /** Hidden, or entirely outside the crop box. */
  exempt: boolean;
  /** The element the ParentTree names, else the one whose OBJR names it. */
  elem?: StructElem;
  /** Why the annotation and the structure tree disagree, if they do. */
  linkProblem?: string;
}

const HIDDEN = 1 << 1;

function computeAnnotations({ model, tree }: DocContext): AnnotationFacts[] {
  const byObjr = new Map<PDFDict, StructElem>();
  for (const elem of tree.elements) for (const objr of elem.objrs) if (objr.obj) byObjr.set(objr.obj, elem);
  const out: AnnotationFacts[] = [];
  for (const page of model.pages) {
    for (const annot of items(model.context, getArray(page.dict, 'Annots'))) {
      if (!(annot instanceof PDFDict)) continue;
      const subtype = getName(annot, 'Subtype') ?? 'unknown';
      const flags = getNumber(annot, 'F');
      const rect = rectOf(model.context, getRaw(annot, 'Rect'));
      const [cx1, cy1, cx2, cy2] = page.cropBox;
      const outside = rect !== undefined && (rect[2] < cx1 || rect[0] > cx2 || rect[3] < cy1 || rect[1] > cy2);
      const structParent = getNumber(annot, 'StructParent');
      const viaParentTree = structParent === undefined ? undefined : parentTreeElement(model, tree, structParent);
      const viaObjr = byObjr.get(annot);
      const facts: AnnotationFacts = {
        page: page.index,
        dict: annot,
        subtype,
        label: `${subtype} annotation ${model.objectLabel(annot)}`,
        exempt: ((flags ?? 0) & HIDDEN) !== 0 || outside,
      };
      if (flags !== undefined) facts.flags = flags;
      const elem = viaParentTree ?? viaObjr;
      if (elem) facts.elem = elem;
      let problem: string | undefined;
      if (!viaObjr && !viaParentTree) problem = 'is not in the structure tree';
      else if (!viaObjr) problem = `is named by the ParentTree (${viaParentTree!.type}) but no element's /K has an OBJR for it`;
      else if (!viaParentTree) {
        problem =
          structParent === undefined
            ? `is in ${viaObjr.type} ${viaObjr.label} through an OBJR but has no /StructParent`
            : `is in ${viaObjr.type} ${viaObjr.label} through an OBJR but the ParentTree has no entry ${structParent}`;
      } else if (viaParentTree !== viaObjr) problem = `has an OBJR in ${viaObjr.type} but its /StructParent leads to ${viaParentTree.type}`;
      if (problem) facts.linkProblem = problem;
      out.push(facts);
    }
  }
  return out;
}

export const annotations = (ctx: DocContext): AnnotationFacts[] => shared(ctx, computeAnnotations);
export const visibleAnnotations = (ctx: DocContext): AnnotationFacts[] => annotations(ctx).filter((a) => !a.exempt);
