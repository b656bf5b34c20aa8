/**
 * Reading HTML and XHTML back with real parsers: parse5 (through hast-util-from-html) builds the
 * tree a browser builds, `hast-util-select` queries it with CSS selectors, `hast-util-to-text`
 * gives the text as `innerText` would. XHTML must first be well-formed XML (xml.ts).
 */
import type { Element, Nodes, Parents, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { find, html } from 'property-information';
import { matches, select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { visitParents } from 'unist-util-visit-parents';
import { parseXml } from './xml.js';

export { matches, select, selectAll };
export { parseXml } from './xml.js';

/**
 * An HTML document as a browser parses it. Any parse error (a stray `<`, a bad character
 * reference, an unclosed element the parser had to repair) fails: our writers never rely on repair.
 */
export function parseHtml(html: string): Root {
  const errors: string[] = [];
  const tree = fromHtml(html, { onerror: (e) => { errors.push(`${e.line}:${e.column} ${e.ruleId ?? ''} ${e.reason}`); } });
  if (errors.length) throw new Error(`HTML parse errors:\n${errors.join('\n')}`);
  return tree;
}

/**
 * An XHTML document (EPUB content or navigation document): well-formed XML first, then the tree
 * for queries. The XML declaration is the only thing the HTML parser may object to.
 */
export function parseXhtml(xhtml: string): Root {
  parseXml(xhtml);
  const errors: string[] = [];
  const tree = fromHtml(xhtml, {
    onerror: (e) => { if (e.ruleId !== 'unexpected-question-mark-instead-of-tag-name' || e.line !== 1) errors.push(`${e.line}:${e.column} ${e.ruleId ?? ''} ${e.reason}`); },
  });
  if (errors.length) throw new Error(`XHTML parse errors:\n${errors.join('\n')}`);
  return tree;
}

/** The one element matching `selector`; fails when there is none or more than one. */
export function one(selector: string, tree: Nodes, what = selector): Element {
  const found = selectAll(selector, tree);
  if (found.length !== 1) throw new Error(`expected one ${what} (${selector}), found ${found.length}`);
  return found[0]!;
}

export function byId(tree: Nodes, id: string): Element | undefined {
  let found: Element | undefined;
  visitParents(tree, 'element', (node) => {
    if (node.properties.id !== id) return undefined;
    found = node;
    return false;
  });
  return found;
}

/** An attribute as written in the markup (`aria-label`, `epub:type`, `class` …), as a string. */
export function attr(el: Element, name: string): string | undefined {
  const value = el.properties[find(html, name).property];
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.join(find(html, name).commaSeparated ? ',' : ' ');
  return value === true ? '' : String(value);
}

export function classes(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}

/** Elements from the root down to (not including) `node`. */
export function ancestorsOf(tree: Nodes, node: Element): Parents[] {
  let out: Parents[] | undefined;
  visitParents(tree, 'element', (n, ancestors) => {
    if (n !== node) return undefined;
    out = [...ancestors];
    return false;
  });
  if (!out) throw new Error('node is not in the tree');
  return out;
}

export function parentOf(tree: Nodes, node: Element): Parents | undefined {
  return ancestorsOf(tree, node).at(-1);
}

export function isInside(tree: Nodes, node: Element, ancestor: Element): boolean {
  return ancestorsOf(tree, node).includes(ancestor);
}

/** Child elements (no text nodes). */
export function childElements(el: Parents): Element[] {
  return (el.children as Nodes[]).filter((c): c is Element => c.type === 'element');
}

/** What a reader gets: the `innerText` of a node (block boundaries and `<br>` as line breaks, no `<style>`). */
export function textOf(node: Nodes): string {
  return toText(node);
}

/**
 * What a screen reader reads of a node: its text, with each picture's alternative text where the
 * picture is (`textOf` leaves `<img alt>` out, as innerText does).
 */
export function readingTextOf(node: Nodes): string {
  const swap = (n: Nodes): Nodes => {
    if (n.type === 'element' && n.tagName === 'img') return { type: 'text', value: `\n${attr(n, 'alt') ?? ''}\n` };
    if ((n.type === 'element' || n.type === 'root') && 'children' in n) return { ...n, children: n.children.map((c) => swap(c) as typeof c) } as Nodes;
    return n;
  };
  return toText(swap(node));
}

/** Text with every run of white space (no-break spaces too) as one space, trimmed. */
export function normalized(text: string): string {
  return text.replace(/[\s\u00a0]+/gu, ' ').trim();
}

/** Headings h1–h6 in document order: level, normalized text and the element. */
export function headingsOf(tree: Nodes): Array<{ level: number; text: string; el: Element }> {
  return selectAll('h1, h2, h3, h4, h5, h6', tree).map((el) => ({ level: Number(el.tagName.slice(1)), text: normalized(textOf(el)), el }));
}
