/**
 * Marked content and artifacts: 7.1-1, 7.1-2, 7.1-3 (content ↔ structure, both ways, through the
 * ParentTree), 7.20-1, 7.20-2, and content-stream damage.
 */
import { parentTreeElementForMcid, structParentsOf } from './content-items.js';
import { mcidKey, type PaintKind } from './content-walk.js';
import type { Finding } from './findings.js';
import type { RuleContext } from './rule-context.js';
import { parentTreeElement } from './struct-tree.js';

const KIND_TEXT: Record<PaintKind, string> = {
  text: 'text-showing operator(s)',
  path: 'path-painting operator(s)',
  image: 'image XObject(s)',
  'inline image': 'inline image(s)',
  shading: 'shading operator(s) (sh)',
};

function ownerText(owner: string): string {
  return owner.startsWith('page:') ? 'the page content' : `Form XObject ${owner.slice(4)}`;
}

export function checkMarkedContent(ctx: RuleContext): Finding[] {
  const { tree, content } = ctx;
  const out: Finding[] = [];

  for (const page of content.pages) {
    for (const [kind, count] of page.untagged) {
      out.push({ rule: '7.1-3', page: page.page, count, message: `${KIND_TEXT[kind]} neither in tagged content nor in an artifact` });
    }
    if (page.artifactInTagged > 0) {
      out.push({ rule: '7.1-1', page: page.page, count: page.artifactInTagged, message: '/Artifact opened inside tagged (MCID) content' });
    }
    if (page.taggedInArtifact > 0) {
      out.push({ rule: '7.1-2', page: page.page, count: page.taggedInArtifact, message: 'tagged (MCID) content opened inside an /Artifact' });
    }
    for (const problem of page.syntaxProblems) out.push({ rule: 'RP-content-syntax', page: page.page, message: problem });
    for (const problem of page.markedContentProblems) out.push({ rule: 'RP-marked-content-nesting', page: page.page, message: problem });
    for (const label of page.referenceXObjects) out.push({ rule: '7.20-1', page: page.page, message: `reference XObject ${label}` });
    for (const use of page.structParentUses) {
      if (!parentTreeElement(ctx.model, tree, use.structParent)) {
        out.push({ rule: '7.1-3', page: page.page, message: `${use.what} has /StructParent ${use.structParent}, which the ParentTree does not map to an element` });
      }
    }
  }

  for (const form of content.forms.values()) {
    if (form.hasMcids && form.draws > 1) {
      out.push({ rule: '7.20-2', page: form.firstPage, message: `Form XObject ${form.label} holds MCIDs and is drawn ${form.draws} times` });
    }
  }

  // Content → structure: every MCID must lead, through the ParentTree, to the element whose /K
  // claims it. A screen reader follows exactly this path.
  for (const [key, use] of content.mcids) {
    const claimants = tree.claimedMcids.get(key) ?? [];
    const where = `MCID ${use.mcid} in ${ownerText(use.owner)}`;
    const viaParentTree = parentTreeElementForMcid(ctx, use.owner, use.mcid);
    if (!viaParentTree) {
      const reason =
        structParentsOf(ctx, use.owner) === undefined
          ? use.owner.startsWith('page:')
            ? 'the page has no /StructParents'
            : 'the Form XObject has no /StructParents'
          : 'the ParentTree has no element for it';
      const claimed = claimants.length > 0 ? ` (${claimants[0]!.type} ${claimants[0]!.label} claims it)` : ' and no element claims it';
      out.push({ rule: '7.1-3', page: use.page, count: Math.max(use.paints, 1), message: `${where} is not reachable from the structure tree: ${reason}${claimed}` });
      continue;
    }
    if (!claimants.includes(viaParentTree)) {
      out.push({
        rule: '7.1-3',
        page: use.page,
        message: `${where}: the ParentTree names ${viaParentTree.type} ${viaParentTree.label}, whose /K does not reference it`,
      });
    }
  }

  // Structure → content: every MCR must point at content that exists.
  for (const [key, claimants] of tree.claimedMcids) {
    if (content.mcids.has(key)) continue;
    for (const elem of claimants) {
      const mcr = elem.mcrs.find((m) => mcidKey(m.owner, m.mcid) === key);
      if (!mcr) continue;
      const message =
        mcr.owner === 'page:?'
          ? `${elem.type} ${elem.label} references MCID ${mcr.mcid} but names no page (/Pg)`
          : `${elem.type} ${elem.label} references MCID ${mcr.mcid} in ${ownerText(mcr.owner)}, which has no such marked content`;
      out.push(mcr.page !== undefined ? { rule: '7.1-3', page: mcr.page, message } : { rule: '7.1-3', object: elem.label, message });
    }
  }
  return out;
}
