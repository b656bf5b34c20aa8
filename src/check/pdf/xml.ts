/**
 * XML for XMP packets, read with saxes (a strict, namespace-aware XML 1.0 parser): it rejects what
 * a hand-written reader let through, such as U+FFFE and other characters XML forbids, and
 * reports the line and column of the first error. The result is a small element tree that the
 * XMP rules walk; processing instructions are kept because PDF/A judges the `xpacket` header.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Prefix as written ('' when none). */
  prefix: string;
  /** Qualified name as written. */
  qname: string;
  attrs: Array<{ ns: string; local: string; prefix: string; qname: string; value: string }>;
  children: XmlElement[];
  parent?: XmlElement;
  /** Character data directly inside this element. */
  text: string;
}

export interface XmlDocument {
  root: XmlElement;
  /** Processing instructions in document order: `xpacket` → `begin="…" id="…"`. */
  instructions: Array<{ target: string; body: string }>;
}

export class XmlError extends Error {}

export function parseXml(source: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  const instructions: XmlDocument['instructions'] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;

  parser.on('error', (e) => {
    // saxes would go on after an error; the first one is the one to report.
    failure ??= e;
  });
  parser.on('doctype', () => {
    failure ??= new Error(`${parser.line}:${parser.column}: a DOCTYPE declaration (XMP allows none)`);
  });
  parser.on('processinginstruction', (pi) => instructions.push({ target: pi.target, body: pi.body }));
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el: XmlElement = {
      ns: tag.uri,
      local: tag.local,
      prefix: tag.prefix,
      qname: tag.name,
      attrs: Object.values(tag.attributes).map((a: SaxesAttributeNS) => ({ ns: a.uri, local: a.local, prefix: a.prefix, qname: a.name, value: a.value })),
      children: [],
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) {
      el.parent = parent;
      parent.children.push(el);
    } else {
      root ??= el;
    }
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
  });

  try {
    parser.write(source).close();
  } catch (e) {
    failure ??= e instanceof Error ? e : new Error(String(e));
  }
  // saxes says where: `line:column: message`.
  if (failure) throw new XmlError(failure.message);
  if (!root) throw new XmlError('no root element');
  return { root, instructions };
}

/** Every element below `el`, depth first, in document order. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

/** All character data inside `el`, its descendants' included. */
export function textContent(el: XmlElement): string {
  return el.text + el.children.map(textContent).join('');
}
