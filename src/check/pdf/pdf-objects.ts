/**
 * Typed, forgiving access to pdf-lib's object graph.
 *
 * The checker must survive any PDF, including broken ones, so every getter returns `undefined`
 * for a missing key, a dangling reference or a value of the wrong type instead of throwing.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

/** Follows references (also chains of them) to the object itself. */
export function deref(context: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  let current = obj;
  // A reference to a reference is legal but rare; the bound stops a malicious cycle.
  for (let hops = 0; current instanceof PDFRef && hops < 32; hops += 1) {
    current = context.lookup(current);
  }
  return current instanceof PDFRef ? undefined : current;
}

/** The dictionary of a dict or of a stream. */
export function asDict(obj: PDFObject | undefined): PDFDict | undefined {
  if (obj instanceof PDFDict) return obj;
  if (obj instanceof PDFStream) return obj.dict;
  return undefined;
}

export function get(dict: PDFDict | undefined, key: string): PDFObject | undefined {
  if (!dict) return undefined;
  return deref(dict.context, dict.get(PDFName.of(key)));
}

/** The raw entry, without following a reference (to learn an object's number). */
export function getRaw(dict: PDFDict | undefined, key: string): PDFObject | undefined {
  return dict?.get(PDFName.of(key));
}

export function getDict(dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const value = get(dict, key);
  return value instanceof PDFDict ? value : undefined;
}

export function getStream(dict: PDFDict | undefined, key: string): PDFStream | undefined {
  const value = get(dict, key);
  return value instanceof PDFStream ? value : undefined;
}

export function getArray(dict: PDFDict | undefined, key: string): PDFArray | undefined {
  const value = get(dict, key);
  return value instanceof PDFArray ? value : undefined;
}

export function getName(dict: PDFDict | undefined, key: string): string | undefined {
  return nameValue(get(dict, key));
}

export function getNumber(dict: PDFDict | undefined, key: string): number | undefined {
  const value = get(dict, key);
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

export function getBool(dict: PDFDict | undefined, key: string): boolean | undefined {
  const value = get(dict, key);
  return value instanceof PDFBool ? value.asBoolean() : undefined;
}

/** A text string (PDFDocEncoding or UTF-16BE with BOM), decoded. */
export function getText(dict: PDFDict | undefined, key: string): string | undefined {
  return textValue(get(dict, key));
}

export function nameValue(obj: PDFObject | undefined): string | undefined {
  return obj instanceof PDFName ? obj.decodeText() : undefined;
}

export function textValue(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return undefined;
}

export function bytesValue(obj: PDFObject | undefined): Uint8Array | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.asBytes();
  return undefined;
}

/** Array items, each dereferenced. */
export function items(context: PDFContext, array: PDFArray | undefined): Array<PDFObject | undefined> {
  if (!array) return [];
  return array.asArray().map((item) => deref(context, item));
}

/** `12 0 R` for a reference. */
export function refLabel(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber} R`;
}

export class StreamDecodeError extends Error {}

/**
 * Decoded bytes of a stream. Throws `StreamDecodeError` for filters pdf-lib cannot undo (image
 * codecs such as DCTDecode); content streams and CMaps never use those.
 */
export function streamBytes(stream: PDFStream): Uint8Array {
  if (!(stream instanceof PDFRawStream)) {
    // Streams created in memory (only in tests) are already plain.
    return stream.getContents();
  }
  if (!stream.dict.get(PDFName.of('Filter'))) return stream.contents;
  try {
    return decodePDFRawStream(stream).decode();
  } catch (error) {
    throw new StreamDecodeError(error instanceof Error ? error.message : String(error));
  }
}

/** Flattens a number tree (ParentTree) into a map. Guards against cycles in /Kids. */
export function readNumberTree(context: PDFContext, root: PDFDict | undefined): Map<number, PDFObject> {
  const out = new Map<number, PDFObject>();
  const seen = new Set<PDFDict>();
  const visit = (node: PDFDict | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const nums = getArray(node, 'Nums');
    if (nums) {
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        const key = deref(context, nums.get(i));
        const value = nums.get(i + 1);
        if (key instanceof PDFNumber && value) out.set(key.asNumber(), value);
      }
    }
    for (const kid of items(context, getArray(node, 'Kids'))) visit(asDict(kid));
  };
  visit(root);
  return out;
}

/** Flattens a name tree (Dests, IDTree) into a map keyed by the decoded name. */
export function readNameTree(context: PDFContext, root: PDFDict | undefined): Map<string, PDFObject> {
  const out = new Map<string, PDFObject>();
  const seen = new Set<PDFDict>();
  const visit = (node: PDFDict | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const names = getArray(node, 'Names');
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = textValue(deref(context, names.get(i)));
        const value = names.get(i + 1);
        if (key !== undefined && value) out.set(key, value);
      }
    }
    for (const kid of items(context, getArray(node, 'Kids'))) visit(asDict(kid));
  };
  visit(root);
  return out;
}
