/** State shared by the parts of the parser: diagnostics, notes, block ids. */
import type { Inline } from '../../../model/ast.js';
import type { DiagnosticSink } from '../diagnostics.js';
import { tokenize } from '../inline-tokens.js';
import { boundedLinks } from '../links.js';
import type { NoteRegistry } from '../notes.js';
import { sliceTokens } from './rich-tokens.js';
import type { SourceLine } from './source-line.js';

export class ParseContext {
  private counter = 0;
  constructor(readonly sink: DiagnosticSink, readonly notes: NoteRegistry) {}

  /** Block ids in document order: the parser builds blocks in reading order. */
  nextId(): string {
    this.counter++;
    return `b${this.counter}`;
  }

  /** Inline content of running text, with note calls resolved. */
  inlines(text: string, line: number): Inline[] {
    return boundedLinks(this.notes.resolve(tokenize(text, line, true)), this.sink);
  }

  /**
   * The content of `[start, end)` of a line's text: from a Word paragraph's own content when it
   * has one (marks, links, real notes), else from the text.
   */
  contentOf(l: SourceLine, start: number, end: number): Inline[] {
    if (l.rich) return boundedLinks(this.notes.resolve(sliceTokens(l.rich.tokens, start, end)), this.sink);
    return this.inlines(l.text.slice(start, end), l.n);
  }
}
