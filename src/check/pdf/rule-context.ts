/** What every rule module receives: the document read once, shared by all rules. */
import type { ContentFacts } from './content-walk.js';
import type { Finding } from './findings.js';
import type { PdfModel } from './pdf-model.js';
import type { StructTree } from './struct-tree.js';

export interface RuleContext {
  model: PdfModel;
  tree: StructTree;
  content: ContentFacts;
}

export type RuleGroup = (ctx: RuleContext) => Finding[];
