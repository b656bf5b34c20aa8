/** Writes the logical structure built during layout (`layout/tags.ts`) as PDF objects, after drawing. */
import type { PdfKitDoc, PdfRef } from './pdfkit-doc.js';
import { StructNode, type DrawnPage, type Mark } from '../layout/tags.js';

/**
 * Writes the tree under the catalog's StructTreeRoot: one object per non-empty element, `/K` in
 * reading order (MCIDs, MCRs for content on another page than the element's `/Pg`, OBJRs for
 * annotations), the ParentTree entries of every MCID and annotation, and an IDTree for `/ID`s.
 * Elements without any drawn content are left out (an empty tag is noise to a screen reader).
 */
export function writeStructTree(doc: PdfKitDoc, root: StructNode): void {
  const treeRoot = doc.getStructTreeRoot();
  const parentTree = doc.getStructParentTree();
  const refs = new Map<StructNode, PdfRef>();
  const ids: Array<[string, PdfRef]> = [];

  const build = (node: StructNode, parent: PdfRef): PdfRef => {
    const ref = doc.ref({ Type: 'StructElem', S: node.type, P: parent });
    refs.set(node, ref);
    const data = ref.data;
    if (node.attrs.id !== undefined) {
      data.ID = new String(node.attrs.id);
      ids.push([node.attrs.id, ref]);
    }
    if (node.attrs.title !== undefined) data.T = new String(node.attrs.title);
    if (node.attrs.alt !== undefined) data.Alt = new String(node.attrs.alt);
    if (node.attrs.listNumbering !== undefined) data.A = { O: 'List', ListNumbering: node.attrs.listNumbering };
    const cell = node.attrs.table;
    if (cell) {
      data.A = {
        O: 'Table',
        ...(cell.scope ? { Scope: cell.scope } : {}),
        ...(cell.rowSpan && cell.rowSpan > 1 ? { RowSpan: cell.rowSpan } : {}),
        ...(cell.colSpan && cell.colSpan > 1 ? { ColSpan: cell.colSpan } : {}),
      };
    }
    if (node.attrs.bbox) data.A = { O: 'Layout', BBox: node.attrs.bbox };

    const firstMark = firstOwnMark(node);
    const pg = firstMark?.page;
    if (pg) data.Pg = pg.ref;
    const kids: unknown[] = [];
    for (const child of node.children) {
      if (child instanceof StructNode) {
        if (!child.isEmpty()) kids.push(build(child, ref));
        continue;
      }
      for (const mark of child.marks) {
        if (mark.kind === 'mc') {
          kids.push(mark.page === pg ? mark.mcid : { Type: 'MCR', Pg: mark.page.ref, MCID: mark.mcid });
        } else {
          kids.push({ Type: 'OBJR', Pg: mark.page.ref, Obj: mark.annot });
          parentTree.add(mark.structParent, ref);
        }
      }
    }
    data.K = kids;
    return ref;
  };

  if (root.isEmpty()) throw new Error('PDF: the document has no tagged content');
  const top = build(root, treeRoot);
  treeRoot.data.K = [top];

  // ParentTree: per page, the element owning each MCID (pdfkit writes the tree at doc.end()).
  const pages = new Set<DrawnPage>();
  for (const node of root.walk()) {
    for (const c of node.children) if (!(c instanceof StructNode)) for (const m of c.marks) if (m.kind === 'mc') pages.add(m.page);
  }
  for (const page of [...pages].sort((a, b) => a.index - b.index)) {
    if (page.structParents === undefined) throw new Error(`PDF: page ${page.index + 1} has tagged content but no StructParents`);
    const owners = page.owners.map((slot) => {
      const ref = refs.get(slot.owner);
      if (!ref) throw new Error(`PDF: marked content on page ${page.index + 1} belongs to an element that was not written`);
      return ref;
    });
    parentTree.add(page.structParents, owners);
  }

  if (ids.length > 0) {
    const seen = new Set<string>();
    for (const [id] of ids) {
      if (seen.has(id)) throw new Error(`PDF: structure element ID "${id}" is not unique`);
      seen.add(id);
    }
    ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    treeRoot.data.IDTree = { Names: ids.flatMap(([id, ref]) => [new String(id), ref]) };
  }

  for (const ref of refs.values()) ref.end();
}

function firstOwnMark(node: StructNode): Mark | undefined {
  for (const c of node.children) if (!(c instanceof StructNode) && c.marks.length > 0) return c.marks[0];
  return undefined;
}
