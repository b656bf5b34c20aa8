/**
 * A small, strict XML 1.0 reader for XMP packets: checks well-formedness (one root, balanced
 * tags, quoted attributes, no bare `&` or `<`, known entities only, unique attributes) and
 * resolves namespaces. DOCTYPE declarations are refused: XMP does not allow them.
 */

export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Qualified name as written. */
  qname: string;
  attrs: Array<{ ns: string; local: string; qname: string; value: string }>;
  children: XmlElement[];
  /** Character data directly inside this element. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string, offset: number, source: string) {
    const line = source.slice(0, offset).split('\n').length;
    super(`${message} (line ${line})`);
  }
}

const NAME = /^[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*(?::[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?/;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function decodeEntities(raw: string, offset: number, source: string): string {
  if (raw.includes('<')) throw new XmlError('"<" in character data or attribute value', offset, source);
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlError(`bare "&" (write &amp;)`, offset, source);
    switch (body) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (num) {
      const cp = num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
      if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
    }
    throw new XmlError(`unknown entity "&${body};"`, offset, source);
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  let root: XmlElement | undefined;
  const stack: Array<{ el: XmlElement; ns: Map<string, string> }> = [];
  const rootNs = new Map<string, string>([['xml', XML_NS]]);

  const resolve = (qname: string, scope: Map<string, string>, isAttr: boolean, at: number): { ns: string; local: string } => {
    const colon = qname.indexOf(':');
    if (colon < 0) return { ns: isAttr ? '' : (scope.get('') ?? ''), local: qname };
    const prefix = qname.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined) throw new XmlError(`undeclared namespace prefix "${prefix}"`, at, source);
    return { ns, local: qname.slice(colon + 1) };
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.el.text += decodeEntities(raw, pos, source);
      else if (raw.trim() !== '') throw new XmlError('text outside the root element', pos, source);
      else decodeEntities(raw, pos, source);
    }
    if (lt < 0) break;
    pos = lt;
    if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction', pos, source);
      pos = end + 2;
    } else if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end < 0) throw new XmlError('unterminated comment', pos, source);
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      if (end < 0) throw new XmlError('unterminated CDATA section', pos, source);
      const top = stack[stack.length - 1];
      if (!top) throw new XmlError('CDATA outside the root element', pos, source);
      top.el.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      throw new XmlError('DOCTYPE or other declaration (not allowed in XMP)', pos, source);
    } else if (source.startsWith('</', pos)) {
      const m = NAME.exec(source.slice(pos + 2));
      if (!m) throw new XmlError('bad end tag', pos, source);
      const after = source.slice(pos + 2 + m[0].length);
      const close = /^\s*>/.exec(after);
      if (!close) throw new XmlError(`bad end tag </${m[0]}`, pos, source);
      const top = stack.pop();
      if (!top || top.el.qname !== m[0]) {
        throw new XmlError(`end tag </${m[0]}> does not match <${top?.el.qname ?? 'nothing'}>`, pos, source);
      }
      pos += 2 + m[0].length + close[0].length;
    } else {
      const m = NAME.exec(source.slice(pos + 1));
      if (!m) throw new XmlError('bad start tag', pos, source);
      const qname = m[0];
      let at = pos + 1 + qname.length;
      const rawAttrs: Array<{ qname: string; value: string }> = [];
      let selfClosing = false;
      for (;;) {
        const ws = /^\s*/.exec(source.slice(at))![0];
        at += ws.length;
        if (source.startsWith('/>', at)) {
          selfClosing = true;
          at += 2;
          break;
        }
        if (source.startsWith('>', at)) {
          at += 1;
          break;
        }
        // Each attribute, the first included, follows white space.
        if (ws === '') throw new XmlError(`bad character in <${qname}>`, at, source);
        const attr = /^([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(at));
        if (!attr || !NAME.test(attr[1]!) || NAME.exec(attr[1]!)![0] !== attr[1]) {
          throw new XmlError(`bad attribute in <${qname}>`, at, source);
        }
        if (rawAttrs.some((a) => a.qname === attr[1])) throw new XmlError(`duplicate attribute ${attr[1]}`, at, source);
        rawAttrs.push({ qname: attr[1]!, value: decodeEntities(attr[3] ?? attr[4] ?? '', at, source) });
        at += attr[0].length;
      }
      const parentScope = stack[stack.length - 1]?.ns ?? rootNs;
      let scope = parentScope;
      for (const a of rawAttrs) {
        if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(a.qname === 'xmlns' ? '' : a.qname.slice(6), a.value);
        }
      }
      const name = resolve(qname, scope, false, pos);
      const el: XmlElement = {
        ns: name.ns,
        local: name.local,
        qname,
        attrs: rawAttrs
          .filter((a) => a.qname !== 'xmlns' && !a.qname.startsWith('xmlns:'))
          .map((a) => ({ ...resolve(a.qname, scope, true, pos), qname: a.qname, value: a.value })),
        children: [],
        text: '',
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else if (root) throw new XmlError('more than one root element', pos, source);
      else root = el;
      if (!selfClosing) stack.push({ el, ns: scope });
      pos = at;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.el.qname}> is not closed`, source.length, source);
  if (!root) throw new XmlError('no root element', 0, source);
  return root;
}

/** Every element in document order. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

/** All character data inside an element, children included. */
export function textContent(el: XmlElement): string {
  return el.text + el.children.map(textContent).join('');
}
