/**
 * Small typed operations on the shared HTML tree, for the transforms the EPUB makes before
 * serialising: find an element by id, insert before it, put an element at a character offset of
 * a run of text, collect ids and headings. Linear walks; nothing reads markup back.
 */
import type { Element, ElementContent, Nodes, Parents } from 'hast';
import { visitParents } from 'unist-util-visit-parents';

/** The text a reader gets from a node (text nodes joined, nothing else). */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (!('children' in node)) return '';
  let out = '';
  for (const child of node.children) out += textOf(child);
  return out;
}

export function isElement(node: Nodes | undefined): node is Element {
  return node?.type === 'element';
}

export function idOf(node: Nodes): string | undefined {
  return isElement(node) && typeof node.properties.id === 'string' ? node.properties.id : undefined;
}

/** Every element id in the tree, in document order. */
export function idsIn(tree: Nodes): string[] {
  const out: string[] = [];
  visitParents(tree, 'element', (node) => {
    const id = idOf(node);
    if (id !== undefined) out.push(id);
  });
  return out;
}

/**
 * Every element with an id, with its parent, from one walk: for inserting many things before many
 * elements (a page marker per page) without walking the tree once per insertion.
 */
export class IdIndex {
  private readonly byId = new Map<string, { node: Element; parent: Parents }>();

  constructor(tree: Nodes) {
    visitParents(tree, 'element', (node, ancestors) => {
      const id = idOf(node);
      const parent = ancestors.at(-1);
      if (id !== undefined && parent && !this.byId.has(id)) this.byId.set(id, { node, parent });
    });
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Inserts `inserted` right before the element with this id; false when there is none. */
  insertBefore(id: string, inserted: ElementContent): boolean {
    const at = this.byId.get(id);
    if (!at) return false;
    at.parent.children.splice(at.parent.children.indexOf(at.node), 0, inserted);
    return true;
  }
}

/**
 * Puts `inserted` into a run of inline content at a character offset of its visible text: inside
 * a text node, or right before an element the offset falls into (a link or a note call is never
 * split). Past the end: at the end.
 */
export function insertAtOffset(run: ElementContent[], offset: number, inserted: ElementContent): ElementContent[] {
  const out = [...run];
  let pos = 0;
  for (let i = 0; i < out.length; i++) {
    const node = out[i]!;
    const length = textOf(node).length;
    if (offset <= pos) {
      out.splice(i, 0, inserted);
      return out;
    }
    if (offset < pos + length) {
      if (node.type === 'text') {
        const cut = offset - pos;
        out.splice(i, 1, { type: 'text', value: node.value.slice(0, cut) }, inserted, { type: 'text', value: node.value.slice(cut) });
      } else {
        out.splice(i, 0, inserted);
      }
      return out;
    }
    pos += length;
  }
  out.push(inserted);
  return out;
}

/** Every element matching `test`, in document order. */
export function elementsWhere(tree: Nodes, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visitParents(tree, 'element', (node) => {
    if (test(node)) out.push(node);
  });
  return out;
}
