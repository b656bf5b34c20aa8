/**
 * Walks every page's content (and the Form XObjects it draws) once and records the facts the
 * rules need: which painting operators sit in tagged content, in artifacts or in neither; which
 * MCIDs exist with what text; which character codes each font shows; marked-content nesting
 * errors; language on marked content.
 *
 * The marked-content stack carries across `q`/`Q` and `BT`/`ET` (marked content is independent of
 * the graphics state) and into Form XObjects: content of a form drawn inside tagged content is
 * tagged content.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { ContentSyntaxError, bytesToLatin1, readOperations, type Operand } from './content-lexer.js';
import { extGStateFont, fontResource, type CharCode, type FontModel } from './fonts.js';
import { StreamDecodeError, get, getDict, getName, getNumber, getText, items, streamBytes } from './pdf-objects.js';
import type { PageInfo, PdfModel } from './pdf-model.js';

export type PaintKind = 'text' | 'path' | 'image' | 'inline image' | 'shading';

/** A marked-content sequence with an MCID, wherever it is drawn. */
export interface McidUse {
  /** `page:3` (0-based index) or `obj:12 0 R` for a Form XObject stream. */
  owner: string;
  mcid: number;
  /** Page (0-based) on which it is first drawn. */
  page: number;
  tag: string;
  paints: number;
  /** Unicode text shown inside it (codes without a Unicode mapping add nothing). */
  text: string;
  /** Glyphs shown that have no Unicode mapping (the font rules report those). */
  unmappedGlyphs: number;
}

export interface PageFacts {
  page: number;
  /** Painting operators in neither tagged content nor an artifact, by kind. */
  untagged: Map<PaintKind, number>;
  /** Artifact sequences opened inside tagged content (7.1-1). */
  artifactInTagged: number;
  /** Tagged sequences opened inside an artifact (7.1-2). */
  taggedInArtifact: number;
  /**
   * Text-showing operators with no `/Lang` on an enclosing marked-content sequence, keyed by the
   * content item they belong to (`owner#mcid`, `sp:N`) or `''` outside tagged content.
   */
  textWithoutMcLang: Map<string, number>;
  /** `/Lang` values found in property lists (7.2-29). */
  mcLangs: string[];
  /** XObjects with /StructParent drawn on the page: object-level content items. */
  structParentUses: Array<{ structParent: number; what: string }>;
  /** Syntax damage and unbalanced marked content. */
  syntaxProblems: string[];
  markedContentProblems: string[];
  /** Reference XObjects (Form with /Ref, 7.20-1). */
  referenceXObjects: string[];
  /** Device colour spaces the content paints with (operators, `cs`/`CS`, image XObjects), with counts. */
  deviceColours: Map<DeviceColour, number>;
}

export type DeviceColour = 'DeviceRGB' | 'DeviceCMYK' | 'DeviceGray';

export interface FormUse {
  label: string;
  /** The form's /StructParents key into the ParentTree, when it has MCIDs of its own. */
  structParents?: number;
  draws: number;
  hasMcids: boolean;
  firstPage: number;
}

export interface FontUse {
  /** Codes shown per page (0-based), keyed by `bytes:code`. */
  codesByPage: Map<number, Map<string, CharCode>>;
  /** The subset of those shown with a text rendering mode other than 3 (7.21.5-1 judges only these). */
  renderedCodesByPage: Map<number, Map<string, CharCode>>;
  /** Shown at least once with a text rendering mode other than 3 (invisible). */
  rendered: boolean;
  firstPage: number;
}

export interface ContentFacts {
  pages: PageFacts[];
  /** Key `owner#mcid`. */
  mcids: Map<string, McidUse>;
  forms: Map<string, FormUse>;
  fonts: Map<FontModel, FontUse>;
}

interface Frame {
  tag: string;
  owner: string;
  mcid?: number;
  structParent?: number;
  lang?: string;
  artifact: boolean;
}

interface GraphicsState {
  font?: FontModel;
  renderMode: number;
}

const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const MAX_FORM_DEPTH = 16;

export function mcidKey(owner: string, mcid: number): string {
  return `${owner}#${mcid}`;
}

export function pageOwner(pageIndex: number): string {
  return `page:${pageIndex}`;
}

export function walkContent(model: PdfModel, fontOf: (dict: PDFDict) => FontModel): ContentFacts {
  const facts: ContentFacts = { pages: [], mcids: new Map(), forms: new Map(), fonts: new Map() };
  for (const page of model.pages) facts.pages.push(walkPage(model, fontOf, facts, page));
  return facts;
}

function operandText(operand: Operand | undefined): string | undefined {
  if (operand?.t !== 'str') return undefined;
  const bytes = operand.v;
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return bytesToLatin1(bytes);
}

function walkPage(model: PdfModel, fontOf: (dict: PDFDict) => FontModel, facts: ContentFacts, page: PageInfo): PageFacts {
  const pageFacts: PageFacts = {
    page: page.index,
    untagged: new Map(),
    artifactInTagged: 0,
    taggedInArtifact: 0,
    textWithoutMcLang: new Map(),
    mcLangs: [],
    structParentUses: [],
    syntaxProblems: [],
    markedContentProblems: [],
    referenceXObjects: [],
    deviceColours: new Map(),
  };
  const owner = pageOwner(page.index);

  // The page's content: one stream or an array whose parts are joined (ISO 32000-1, 7.8.2).
  const contents = get(page.dict, 'Contents');
  const streams: PDFStream[] = [];
  if (contents instanceof PDFStream) streams.push(contents);
  if (contents instanceof PDFArray) {
    for (const part of items(model.context, contents)) if (part instanceof PDFStream) streams.push(part);
  }
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    try {
      parts.push(streamBytes(stream));
    } catch (e) {
      if (!(e instanceof StreamDecodeError)) throw e;
      pageFacts.syntaxProblems.push(`a content stream (${model.objectLabel(stream)}) cannot be decoded: ${e.message}`);
    }
  }
  const joined = joinWithNewlines(parts);

  const stack: Frame[] = [];
  walkStream(model, fontOf, facts, pageFacts, joined, page.resources, owner, stack, [], { renderMode: 0 });
  if (stack.length > 0) {
    pageFacts.markedContentProblems.push(`${stack.length} marked-content sequence(s) not closed by EMC at the end of the page`);
  }
  return pageFacts;
}

function joinWithNewlines(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
    out[at++] = 0x0a;
  }
  return out;
}

function walkStream(
  model: PdfModel,
  fontOf: (dict: PDFDict) => FontModel,
  facts: ContentFacts,
  pageFacts: PageFacts,
  bytes: Uint8Array,
  resources: PDFDict | undefined,
  owner: string,
  stack: Frame[],
  formChain: PDFStream[],
  initialState: GraphicsState,
): void {
  const base = stack.length;
  const gstack: GraphicsState[] = [];
  let gs: GraphicsState = { ...initialState };

  const innermostTagged = (): Frame | undefined => {
    for (let i = stack.length - 1; i >= 0; i -= 1) {
      const frame = stack[i]!;
      if (frame.mcid !== undefined || frame.structParent !== undefined) return frame;
    }
    return undefined;
  };
  const inArtifact = (): boolean => stack.some((f) => f.artifact);
  const mcLang = (): string | undefined => {
    for (let i = stack.length - 1; i >= 0; i -= 1) if (stack[i]!.lang !== undefined) return stack[i]!.lang;
    return undefined;
  };
  const itemKey = (frame: Frame | undefined): string => {
    if (!frame) return '';
    return frame.mcid !== undefined ? mcidKey(frame.owner, frame.mcid) : `sp:${frame.structParent}`;
  };

  const useColour = (space: DeviceColour | undefined): void => {
    if (space) pageFacts.deviceColours.set(space, (pageFacts.deviceColours.get(space) ?? 0) + 1);
  };

  const paint = (kind: PaintKind, text?: string, unmapped = 0): void => {
    const tagged = innermostTagged();
    if (!tagged && !inArtifact()) {
      pageFacts.untagged.set(kind, (pageFacts.untagged.get(kind) ?? 0) + 1);
    }
    if (tagged?.mcid !== undefined) {
      const use = facts.mcids.get(mcidKey(tagged.owner, tagged.mcid));
      if (use) {
        use.paints += 1;
        if (text) use.text += text;
        use.unmappedGlyphs += unmapped;
      }
    }
    // Artifacts are not read out, so their language does not matter (7.2-34 is about content).
    if (kind === 'text' && mcLang() === undefined && !inArtifact()) {
      const key = itemKey(tagged);
      pageFacts.textWithoutMcLang.set(key, (pageFacts.textWithoutMcLang.get(key) ?? 0) + 1);
    }
  };

  const showText = (strings: Uint8Array[]): void => {
    let text = '';
    let unmapped = 0;
    const font = gs.font;
    if (!font) {
      pageFacts.syntaxProblems.push('text shown with no font selected (no valid Tf)');
    } else {
      let use = facts.fonts.get(font);
      if (!use) {
        use = { codesByPage: new Map(), renderedCodesByPage: new Map(), rendered: false, firstPage: pageFacts.page };
        facts.fonts.set(font, use);
      }
      const visible = gs.renderMode !== 3;
      if (visible) use.rendered = true;
      const codes = pageCodes(use.codesByPage, pageFacts.page);
      const renderedCodes = visible ? pageCodes(use.renderedCodesByPage, pageFacts.page) : undefined;
      for (const s of strings) {
        for (const code of font.split(s)) {
          const key = `${code.bytes}:${code.code}`;
          codes.set(key, code);
          renderedCodes?.set(key, code);
          const unicode = font.unicode(code);
          if (unicode === undefined) unmapped += 1;
          else text += unicode;
        }
      }
    }
    paint('text', text, unmapped);
  };

  const pushFrame = (tag: string, props: PDFDict | Map<string, Operand> | undefined): void => {
    const frame: Frame = { tag, owner, artifact: tag === 'Artifact' };
    const mcid = propNumber(props, 'MCID');
    const lang = propText(props, 'Lang');
    if (lang !== undefined) {
      frame.lang = lang;
      pageFacts.mcLangs.push(lang);
    }
    if (frame.artifact && innermostTagged()) pageFacts.artifactInTagged += 1;
    if (mcid !== undefined && !frame.artifact) {
      if (inArtifact()) pageFacts.taggedInArtifact += 1;
      frame.mcid = mcid;
      const key = mcidKey(owner, mcid);
      if (!facts.mcids.has(key)) facts.mcids.set(key, { owner, mcid, page: pageFacts.page, tag, paints: 0, text: '', unmappedGlyphs: 0 });
      const form = facts.forms.get(owner);
      if (form) form.hasMcids = true;
    }
    stack.push(frame);
  };

  const drawXObject = (name: string): void => {
    const xobject = get(getDict(resources, 'XObject'), name);
    if (!(xobject instanceof PDFStream)) return;
    const subtype = getName(xobject.dict, 'Subtype');
    const structParent = getNumber(xobject.dict, 'StructParent');
    const label = model.objectLabel(xobject);
    if (structParent !== undefined) {
      pageFacts.structParentUses.push({ structParent, what: `XObject ${name} (${label})` });
      stack.push({ tag: 'StructParent', owner, structParent, artifact: false });
    }
    try {
      if (subtype === 'Image') {
        useColour(deviceSpace(model, get(xobject.dict, 'ColorSpace'), undefined));
        paint('image');
        return;
      }
      if (subtype !== 'Form') return;
      if (get(xobject.dict, 'Ref')) pageFacts.referenceXObjects.push(label);
      const formOwner = `obj:${label.replace(/^object /, '')}`;
      let use = facts.forms.get(formOwner);
      if (!use) {
        use = { label, draws: 0, hasMcids: false, firstPage: pageFacts.page };
        const structParents = getNumber(xobject.dict, 'StructParents');
        if (structParents !== undefined) use.structParents = structParents;
        facts.forms.set(formOwner, use);
      }
      use.draws += 1;
      if (formChain.includes(xobject) || formChain.length >= MAX_FORM_DEPTH) {
        pageFacts.syntaxProblems.push(`Form XObject ${name} (${label}) draws itself`);
        return;
      }
      let formBytes: Uint8Array;
      try {
        formBytes = streamBytes(xobject);
      } catch (e) {
        if (!(e instanceof StreamDecodeError)) throw e;
        pageFacts.syntaxProblems.push(`Form XObject ${name} (${label}) cannot be decoded: ${e.message}`);
        return;
      }
      // Forms without their own /Resources use the page's (allowed before PDF 1.2 style).
      const formResources = getDict(xobject.dict, 'Resources') ?? resources;
      walkStream(model, fontOf, facts, pageFacts, formBytes, formResources, formOwner, stack, [...formChain, xobject], gs);
    } finally {
      if (structParent !== undefined) stack.pop();
    }
  };

  try {
    readOperations(bytes, ({ op, operands }) => {
      switch (op) {
        case 'q':
          gstack.push({ ...gs });
          break;
        case 'Q':
          gs = gstack.pop() ?? gs;
          break;
        case 'Tf': {
          const name = operands[0];
          if (name?.t === 'name') {
            const dict = fontResource(resources, name.v);
            if (dict) {
              gs.font = fontOf(dict);
            } else {
              delete gs.font;
              pageFacts.syntaxProblems.push(`Tf names font /${name.v}, which the resources do not define`);
            }
          }
          break;
        }
        case 'Tr': {
          const mode = operands[0];
          if (mode?.t === 'num') gs.renderMode = mode.v;
          break;
        }
        case 'gs': {
          const name = operands[0];
          if (name?.t === 'name') {
            const fontDict = extGStateFont(model, getDict(getDict(resources, 'ExtGState'), name.v));
            if (fontDict) gs.font = fontOf(fontDict);
          }
          break;
        }
        case 'Tj':
        case "'":
        case '"': {
          const s = operands[operands.length - 1];
          showText(s?.t === 'str' ? [s.v] : []);
          break;
        }
        case 'TJ': {
          const array = operands[0];
          showText(array?.t === 'arr' ? array.v.flatMap((o) => (o.t === 'str' ? [o.v] : [])) : []);
          break;
        }
        case 'BMC': {
          const tag = operands[0];
          pushFrame(tag?.t === 'name' ? tag.v : '?', undefined);
          break;
        }
        case 'BDC': {
          const tag = operands[0];
          const props = operands[1];
          let dict: PDFDict | Map<string, Operand> | undefined;
          if (props?.t === 'dict') dict = props.v;
          if (props?.t === 'name') dict = getDict(getDict(resources, 'Properties'), props.v);
          pushFrame(tag?.t === 'name' ? tag.v : '?', dict);
          break;
        }
        case 'EMC':
          if (stack.length > base) stack.pop();
          else pageFacts.markedContentProblems.push('EMC without a matching BMC/BDC');
          break;
        case 'Do': {
          const name = operands[0];
          if (name?.t === 'name') drawXObject(name.v);
          break;
        }
        case 'sh':
          paint('shading');
          break;
        case 'rg':
        case 'RG':
          useColour('DeviceRGB');
          break;
        case 'k':
        case 'K':
          useColour('DeviceCMYK');
          break;
        case 'g':
        case 'G':
          useColour('DeviceGray');
          break;
        case 'cs':
        case 'CS': {
          const name = operands[0];
          if (name?.t === 'name') useColour(deviceSpace(model, undefined, name.v, getDict(resources, 'ColorSpace')));
          break;
        }
        case 'BI':
          paint('inline image');
          break;
        default:
          if (PATH_PAINT.has(op)) paint('path');
      }
    });
  } catch (e) {
    if (!(e instanceof ContentSyntaxError)) throw e;
    pageFacts.syntaxProblems.push(owner.startsWith('obj:') ? `${owner.slice(4)}: ${e.message}` : e.message);
  }
  if (owner.startsWith('obj:') && stack.length > base) {
    pageFacts.markedContentProblems.push(`a Form XObject (${owner.slice(4)}) leaves ${stack.length - base} marked-content sequence(s) open`);
    stack.length = base;
  }
}

const DEVICE_NAMES: Record<string, DeviceColour> = { DeviceRGB: 'DeviceRGB', DeviceCMYK: 'DeviceCMYK', DeviceGray: 'DeviceGray' };

/**
 * The device colour space a colour-space value or name stands for: a Device* name itself, or a
 * resource name whose value is one. ICCBased, Lab, Indexed … are device independent (an Indexed
 * base is not followed: PDF/A judges the base where the image is drawn, a refinement left out).
 */
function deviceSpace(model: PdfModel, value: PDFObject | undefined, name?: string, colourSpaces?: PDFDict): DeviceColour | undefined {
  if (name !== undefined) {
    if (DEVICE_NAMES[name]) return DEVICE_NAMES[name];
    const resolved = get(colourSpaces, name);
    return resolved instanceof PDFName ? DEVICE_NAMES[resolved.decodeText()] : undefined;
  }
  const resolved = value instanceof PDFRef ? model.context.lookup(value) : value;
  return resolved instanceof PDFName ? DEVICE_NAMES[resolved.decodeText()] : undefined;
}

function pageCodes(byPage: Map<number, Map<string, CharCode>>, page: number): Map<string, CharCode> {
  let codes = byPage.get(page);
  if (!codes) {
    codes = new Map();
    byPage.set(page, codes);
  }
  return codes;
}

function propNumber(props: PDFDict | Map<string, Operand> | undefined, key: string): number | undefined {
  if (props instanceof Map) {
    const value = props.get(key);
    return value?.t === 'num' ? value.v : undefined;
  }
  return getNumber(props, key);
}

function propText(props: PDFDict | Map<string, Operand> | undefined, key: string): string | undefined {
  if (props instanceof Map) return operandText(props.get(key));
  return getText(props, key);
}
