/**
 * Marked content and artifacts: 7.1-1, 7.1-2, 7.1-3 (content ↔ structure, both ways, through the
 * ParentTree), 7.20-1, 7.20-2, and content-stream damage.
 */
import { parentTreeElementForMcid, structParentsOf } from '../../content-items.js';
import { mcidKey, type PaintKind } from '../../content-walk.js';
import { onObject, onPage, type RuleHit } from '../../pdf-rule.js';
import { parentTreeElement } from '../../struct-tree.js';
import { uaRule } from './ua.js';

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

export const artifactInTagged = uaRule({
  id: '7.1-1',
  summary: 'No artifact inside tagged content.',
  help: 'Close the tagged marked-content sequence (EMC) before opening /Artifact.',
  references: ['01-003'],
  check: ({ content }) =>
    content.pages.filter((p) => p.artifactInTagged > 0).map((p) => onPage(p.page, '/Artifact opened inside tagged (MCID) content', p.artifactInTagged)),
});

export const taggedInArtifact = uaRule({
  id: '7.1-2',
  summary: 'No tagged content inside an artifact.',
  help: 'Close the /Artifact sequence before opening tagged content.',
  references: ['01-004'],
  check: ({ content }) =>
    content.pages.filter((p) => p.taggedInArtifact > 0).map((p) => onPage(p.page, 'tagged (MCID) content opened inside an /Artifact', p.taggedInArtifact)),
});

export const contentTaggedOrArtifact = uaRule({
  id: '7.1-3',
  summary:
    'All content is tagged (its MCID reachable from the structure tree through the ParentTree) or marked as /Artifact. ParentTree/structure-tree disagreements and structure references to missing MCIDs, which have no veraPDF rule of their own, are reported here too.',
  help: 'Wrap every drawing operation in a marked-content sequence with an MCID that a structure element references (and the ParentTree maps back), or in /Artifact.',
  references: ['01-005'],
  check: (ctx) => {
    const { tree, content, model } = ctx;
    const out: RuleHit[] = [];
    for (const page of content.pages) {
      for (const [kind, count] of page.untagged) out.push(onPage(page.page, `${KIND_TEXT[kind]} neither in tagged content nor in an artifact`, count));
      for (const use of page.structParentUses) {
        if (!parentTreeElement(model, tree, use.structParent)) {
          out.push(onPage(page.page, `${use.what} has /StructParent ${use.structParent}, which the ParentTree does not map to an element`));
        }
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
        out.push(onPage(use.page, `${where} is not reachable from the structure tree: ${reason}${claimed}`, Math.max(use.paints, 1)));
      } else if (!claimants.includes(viaParentTree)) {
        out.push(onPage(use.page, `${where}: the ParentTree names ${viaParentTree.type} ${viaParentTree.label}, whose /K does not reference it`));
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
        out.push(mcr.page !== undefined ? onPage(mcr.page, message) : onObject(elem.label, message));
      }
    }
    return out;
  },
});

export const referenceXObjects = uaRule({
  id: '7.20-1',
  summary: 'No reference XObjects (Form XObject with /Ref).',
  help: 'Embed the content itself instead of referencing another file.',
  check: ({ content }) => content.pages.flatMap((p) => p.referenceXObjects.map((label) => onPage(p.page, `reference XObject ${label}`))),
});

export const formDrawnOnce = uaRule({
  id: '7.20-2',
  summary: 'A Form XObject with MCIDs is drawn only once.',
  help: 'Use a separate Form XObject per placement when it holds tagged content.',
  check: ({ content }) =>
    [...content.forms.values()]
      .filter((f) => f.hasMcids && f.draws > 1)
      .map((f) => onPage(f.firstPage, `Form XObject ${f.label} holds MCIDs and is drawn ${f.draws} times`)),
});

export const contentSyntax = uaRule({
  id: 'RP-content-syntax',
  summary: 'Content streams can be read (no syntax damage, no undecodable stream).',
  help: 'Regenerate the page content.',
  check: ({ content }) => content.pages.flatMap((p) => p.syntaxProblems.map((m) => onPage(p.page, m))),
});

export const markedContentNesting = uaRule({
  id: 'RP-marked-content-nesting',
  summary: 'Every BMC/BDC has its EMC in the same content stream.',
  help: 'Balance BMC/BDC with EMC.',
  check: ({ content }) => content.pages.flatMap((p) => p.markedContentProblems.map((m) => onPage(p.page, m))),
});

export const MARKED_CONTENT_RULES = [artifactInTagged, taggedInArtifact, contentTaggedOrArtifact, referenceXObjects, formDrawnOnce, contentSyntax, markedContentNesting];
