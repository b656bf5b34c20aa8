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

/** The element with this id, with its parent and index; undefined when the tree has none. */
export function findById(tree: Nodes, id: string): { node: Element; parent: Parents; index: number } | undefined {
  let found: { node: Element; parent: Parents; index: number } | undefined;
  visitParents(tree, 'element', (node, ancestors) => {
    if (idOf(node) !== id) return undefined;
    const parent = ancestors.at(-1);
    if (parent) found = { node, parent, index: parent.children.indexOf(node) };
    return false; // found: stop walking
  });
  return found;
}

/** Inserts `inserted` right before the element with this id; false when there is none. */
export function insertBeforeId(tree: Nodes, id: string, inserted: ElementContent): boolean {
  const at = findById(tree, id);
  if (!at) return false;
  at.parent.children.splice(at.index, 0, inserted);
  return true;
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
