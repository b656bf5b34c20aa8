/**
 * What a rule of our PDF checker is and sees. A rule is one object (id, texts, check) defined
 * beside its code in `rules/`; each profile's list is an array of them (`profiles.ts`), and
 * reports, `--help` texts and documentation read the same objects.
 *
 * Two scopes: `file` rules read the bytes and what loading found (header, `%%EOF`, encryption,
 * whether pdf-lib could read the file at all) and run on every file; `document` rules read the
 * parsed document and run only when it could be read and is not encrypted (an encrypted file's
 * strings and streams read as noise without the key: judging them would bury the one real
 * finding under hundreds of false ones).
 */
import type { Rule, RuleHit } from '../rule.js';
import type { FindingLocation } from '../types.js';
import type { ContentFacts } from './content-walk.js';
import type { PdfModel } from './pdf-model.js';
import { elementPage, type StructElem, type StructTree } from './struct-tree.js';
import type { XmpFacts } from './xmp.js';

export type { RuleHit } from '../rule.js';

/** What every rule may read. */
export interface FileContext {
  bytes: Uint8Array;
  /** Why pdf-lib could not read the file; document rules do not run then. */
  loadError?: string;
  /** The trailer has /Encrypt; document rules do not run then. */
  encrypted: boolean;
  /** The PDF/A-2 conformance level being checked, while a PDF/A profile runs. */
  pdfaLevel?: PdfaLevel;
}

/** The document read once, shared by all document rules. */
export interface DocContext extends FileContext {
  model: PdfModel;
  tree: StructTree;
  content: ContentFacts;
  /** The catalog's /Metadata stream read as XMP; undefined when there is none. */
  xmp?: XmpFacts;
}

export type FileRule = Rule<FileContext> & { scope: 'file' };
export type DocRule = Rule<DocContext> & { scope: 'document' };
export type PdfRule = FileRule | DocRule;

/** A PDF/A-2 rule also says from which conformance level on it applies (B ⊂ U ⊂ A). */
export type PdfaLevel = 'b' | 'u' | 'a';
export type PdfaRule = PdfRule & { level: PdfaLevel };

// ------------------------------------------------------------------ hits

/** A hit on a 0-based page index (locations are 1-based, as readers count). */
export function onPage(pageIndex: number, message: string, count?: number): RuleHit {
  return { message, locations: [{ page: pageIndex + 1 }], ...(count !== undefined && count !== 1 ? { count } : {}) };
}

/** A hit on an object (`object 12 0 R`, an XMP property …). */
export function onObject(object: string, message: string, count?: number): RuleHit {
  return { message, locations: [{ object }], ...(count !== undefined && count !== 1 ? { count } : {}) };
}

/** A hit on a structure element: on its page when it has content there, else on the element. */
export function onElement(elem: StructElem, message: string, count?: number): RuleHit {
  const page = elementPage(elem);
  if (page !== undefined) return onPage(page, message, count);
  return onObject(elem.label, message, count);
}

export function locationKey(location: FindingLocation | undefined): string {
  if (!location) return 'document';
  if (location.page !== undefined) return `page ${location.page}`;
  return location.object ?? 'document';
}

const memos = new WeakMap<DocContext, Map<unknown, unknown>>();

/**
 * A fact several rules read (the visible annotations, each font's problems per page), computed
 * once per document: rules stay one object each without walking the document once per rule.
 */
export function shared<T>(ctx: DocContext, compute: (ctx: DocContext) => T): T {
  let memo = memos.get(ctx);
  if (!memo) {
    memo = new Map();
    memos.set(ctx, memo);
  }
  if (!memo.has(compute)) memo.set(compute, compute(ctx));
  return memo.get(compute) as T;
}
