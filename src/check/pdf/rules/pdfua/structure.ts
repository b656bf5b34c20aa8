/**
 * Structure types and headings: 7.1-5/6/7 (RoleMap), 7.1-12 (/P), 7.3-1 (Figure), 7.7-1
 * (Formula), 7.4.2-1 and 7.4.4-1/2/3 (headings), 7.2-26/27 (TOC), plus tree damage.
 */
import { onElement, type DocContext, type RuleHit } from '../../pdf-rule.js';
import type { StructElem } from '../../struct-tree.js';
import { circularRoles, unmappedTypes } from '../shared/document.js';
import { uaRule } from './ua.js';

/** Standard types of the element kids, as veraPDF's `kidsStandardTypes` lists them. */
export function kidTypes(elem: StructElem): string[] {
  return elem.kids.map((k) => k.std ?? k.type);
}

const HN = /^H([1-6])$/;
const isHn = (elem: StructElem): boolean => elem.std !== undefined && HN.test(elem.std);

export const roleMapped = uaRule({
  id: '7.1-5',
  summary: 'Non-standard structure types are role-mapped to a standard type.',
  help: 'Add a RoleMap entry to a standard type, or use a standard type.',
  references: ['02-001'],
  check: unmappedTypes,
});

export const noCircularRoles = uaRule({
  id: '7.1-6',
  summary: 'The RoleMap has no circular mapping.',
  help: 'Make every RoleMap chain end at a standard type.',
  references: ['02-003'],
  check: circularRoles,
});

export const noRemappedStandard = uaRule({
  id: '7.1-7',
  summary: 'Standard structure types are not remapped.',
  help: 'Remove the RoleMap entry for the standard type.',
  references: ['02-004'],
  check: ({ tree }) =>
    tree.elements.filter((e) => e.remapsStandard).map((e) => onElement(e, `standard type "${e.type}" is remapped to "${tree.roleMap.get(e.type)}"`)),
});

export const parentEntry = uaRule({
  id: '7.1-12',
  summary: 'Every structure element has a /P (parent) entry.',
  help: 'Write /P on each structure element.',
  check: ({ tree }) => tree.elements.filter((e) => !e.hasParentEntry).map((e) => onElement(e, `${e.type} ${e.label} has no /P entry`)),
});

export const structDamage = uaRule({
  id: 'RP-struct-damage',
  summary: 'The structure tree is sound: kids are elements, MCRs or OBJRs; no element or MCID is claimed twice.',
  help: 'Repair the structure tree.',
  check: ({ tree }) => {
    const out: RuleHit[] = tree.problems.map((p) => (p.elem ? onElement(p.elem, p.message) : { message: p.message }));
    for (const [key, claimants] of tree.claimedMcids) {
      if (claimants.length > 1) out.push(onElement(claimants[0]!, `${key.replace(/^.*#/, 'MCID ')} is claimed by ${claimants.length} elements`));
    }
    return out;
  },
});

const hasAlternative = (e: StructElem): boolean => Boolean(e.alt?.trim() || e.actualText !== undefined);

export const figureAlt = uaRule({
  id: '7.3-1',
  summary: 'Figure elements have /Alt or /ActualText.',
  help: 'Give every Figure a description in /Alt.',
  references: ['13-004'],
  wcag: ['1.1.1'],
  check: ({ tree }) => tree.elements.filter((e) => e.std === 'Figure' && !hasAlternative(e)).map((e) => onElement(e, `Figure ${e.label} has no /Alt or /ActualText`)),
});

export const formulaAlt = uaRule({
  id: '7.7-1',
  summary: 'Formula elements have /Alt or /ActualText.',
  help: 'Give every Formula an /Alt.',
  references: ['17-002'],
  wcag: ['1.1.1'],
  check: ({ tree }) => tree.elements.filter((e) => e.std === 'Formula' && !hasAlternative(e)).map((e) => onElement(e, `Formula ${e.label} has no /Alt or /ActualText`)),
});

export const headingLevels = uaRule({
  id: '7.4.2-1',
  summary: 'Numbered headings start at H1 and never skip a level going down.',
  help: 'Use H1 first and descend one level at a time.',
  references: ['14-002', '14-003'],
  wcag: ['1.3.1'],
  check: ({ tree }) => {
    // Numbered headings in reading order: H1 first, then never more than one level deeper.
    const out: RuleHit[] = [];
    let previous: number | undefined;
    for (const elem of tree.elements) {
      const m = elem.std !== undefined ? HN.exec(elem.std) : null;
      if (!m) continue;
      const level = Number(m[1]);
      if (previous === undefined && level !== 1) out.push(onElement(elem, `the first heading is ${elem.std}, not H1`));
      else if (previous !== undefined && level > previous + 1) out.push(onElement(elem, `${elem.std} follows H${previous}: level H${previous + 1} is skipped`));
      previous = level;
    }
    return out;
  },
});

export const oneHPerNode = uaRule({
  id: '7.4.4-1',
  summary: 'A structure element has at most one H child.',
  help: 'Wrap each H with its section in a Sect.',
  check: ({ tree }) => tree.elements.filter((e) => kidTypes(e).filter((t) => t === 'H').length > 1).map((e) => onElement(e, `${e.type} has more than one H child`)),
});

function mixesHAndHn({ tree }: DocContext): boolean {
  return tree.elements.some((e) => e.std === 'H') && tree.elements.some(isHn);
}

export const hWithHn = uaRule({
  id: '7.4.4-2',
  summary: 'A document does not use H together with H1–H6 (reported on H).',
  help: 'Use either H or numbered headings.',
  check: (ctx) => (mixesHAndHn(ctx) ? ctx.tree.elements.filter((e) => e.std === 'H').map((e) => onElement(e, 'H used in a document that also uses H1–H6')) : []),
});

export const hnWithH = uaRule({
  id: '7.4.4-3',
  summary: 'A document does not use H1–H6 together with H (reported on Hn).',
  help: 'Use either H or numbered headings.',
  check: (ctx) => (mixesHAndHn(ctx) ? ctx.tree.elements.filter(isHn).map((e) => onElement(e, `${e.std} used in a document that also uses H`)) : []),
});

export const tociInToc = uaRule({
  id: '7.2-26',
  summary: 'TOCI elements are inside TOC.',
  help: 'Put TOCI inside TOC.',
  check: ({ tree }) =>
    tree.elements.filter((e) => e.std === 'TOCI' && e.parent?.std !== 'TOC').map((e) => onElement(e, `TOCI inside ${e.parent?.type ?? 'the structure root'}`)),
});

export const tocKids = uaRule({
  id: '7.2-27',
  summary: 'TOC holds only TOC, TOCI and a first Caption.',
  help: 'Restructure the TOC.',
  check: ({ tree }) =>
    tree.elements
      .filter((e) => e.std === 'TOC')
      .flatMap((e) => {
        const kids = kidTypes(e).join('&');
        const ok = kids === '' || kids === 'Caption' || /^(Caption&)?(TOC|TOCI)(&(TOC|TOCI))*$/.test(kids);
        return ok ? [] : [onElement(e, `TOC holds ${kids.replace(/&/g, ', ')}`)];
      }),
});

export const STRUCTURE_RULES = [
  roleMapped,
  noCircularRoles,
  noRemappedStandard,
  parentEntry,
  structDamage,
  figureAlt,
  formulaAlt,
  headingLevels,
  oneHPerNode,
  hWithHn,
  hnWithH,
  tociInToc,
  tocKids,
];
