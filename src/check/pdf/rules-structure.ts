/**
 * Structure types and headings: 7.1-5/6/7 (RoleMap), 7.1-12 (/P), 7.3-1 (Figure), 7.7-1
 * (Formula), 7.4.2-1 and 7.4.4-1/2/3 (headings), 7.2-26/27 (TOC), plus tree damage.
 */
import type { Finding } from './findings.js';
import type { RuleContext } from './rule-context.js';
import { elementPage, type StructElem } from './struct-tree.js';

export function at(elem: StructElem): Pick<Finding, 'page' | 'object'> {
  const page = elementPage(elem);
  return page !== undefined ? { page } : { object: elem.label };
}

/** Standard types of the element kids, as veraPDF's `kidsStandardTypes` lists them. */
export function kidTypes(elem: StructElem): string[] {
  return elem.kids.map((k) => k.std ?? k.type);
}

const HN = /^H([1-6])$/;

export function checkStructure({ tree }: RuleContext): Finding[] {
  const out: Finding[] = [];

  for (const problem of tree.problems) {
    out.push({ rule: 'RP-struct-damage', ...(problem.elem ? at(problem.elem) : {}), message: problem.message });
  }
  for (const [key, claimants] of tree.claimedMcids) {
    if (claimants.length > 1) {
      out.push({ rule: 'RP-struct-damage', ...at(claimants[0]!), message: `${key.replace(/^.*#/, 'MCID ')} is claimed by ${claimants.length} elements` });
    }
  }

  let usesH = false;
  let usesHn = false;
  for (const elem of tree.elements) {
    if (elem.role === 'unmapped') {
      out.push({ rule: '7.1-5', ...at(elem), message: `structure type "${elem.type}" is not standard and not role-mapped to a standard type` });
    } else if (elem.role === 'circular') {
      out.push({ rule: '7.1-6', ...at(elem), message: `structure type "${elem.type}" has a circular RoleMap` });
    }
    if (elem.remapsStandard) {
      out.push({ rule: '7.1-7', ...at(elem), message: `standard type "${elem.type}" is remapped to "${tree.roleMap.get(elem.type)}"` });
    }
    if (!elem.hasParentEntry) out.push({ rule: '7.1-12', ...at(elem), message: `${elem.type} ${elem.label} has no /P entry` });

    if (elem.std === 'Figure' && !(elem.alt?.trim() || elem.actualText !== undefined)) {
      out.push({ rule: '7.3-1', ...at(elem), message: `Figure ${elem.label} has no /Alt or /ActualText` });
    }
    if (elem.std === 'Formula' && !(elem.alt?.trim() || elem.actualText !== undefined)) {
      out.push({ rule: '7.7-1', ...at(elem), message: `Formula ${elem.label} has no /Alt or /ActualText` });
    }
    if (elem.std === 'H') usesH = true;
    if (elem.std !== undefined && HN.test(elem.std)) usesHn = true;
    if (kidTypes(elem).filter((t) => t === 'H').length > 1) {
      out.push({ rule: '7.4.4-1', ...at(elem), message: `${elem.type} has more than one H child` });
    }
    if (elem.std === 'TOCI' && elem.parent?.std !== 'TOC') {
      out.push({ rule: '7.2-26', ...at(elem), message: `TOCI inside ${elem.parent?.type ?? 'the structure root'}` });
    }
    if (elem.std === 'TOC') {
      const kids = kidTypes(elem).join('&');
      if (!(kids === '' || kids === 'Caption' || /^(Caption&)?(TOC|TOCI)(&(TOC|TOCI))*$/.test(kids))) {
        out.push({ rule: '7.2-27', ...at(elem), message: `TOC holds ${kids.replace(/&/g, ', ')}` });
      }
    }
  }
  if (usesH && usesHn) {
    for (const elem of tree.elements) {
      if (elem.std === 'H') out.push({ rule: '7.4.4-2', ...at(elem), message: 'H used in a document that also uses H1–H6' });
      if (elem.std !== undefined && HN.test(elem.std)) out.push({ rule: '7.4.4-3', ...at(elem), message: `${elem.std} used in a document that also uses H` });
    }
  }

  // Numbered headings in reading order: H1 first, then never more than one level deeper.
  let previous: number | undefined;
  for (const elem of tree.elements) {
    const m = elem.std !== undefined ? HN.exec(elem.std) : null;
    if (!m) continue;
    const level = Number(m[1]);
    if (previous === undefined && level !== 1) {
      out.push({ rule: '7.4.2-1', ...at(elem), message: `the first heading is ${elem.std}, not H1` });
    } else if (previous !== undefined && level > previous + 1) {
      out.push({ rule: '7.4.2-1', ...at(elem), message: `${elem.std} follows H${previous}: level H${previous + 1} is skipped` });
    }
    previous = level;
  }
  return out;
}
