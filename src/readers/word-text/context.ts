/** State shared by the parts of the parser: diagnostics, notes, block ids. */
import type { Inline } from '../../model/ast.js';
import type { DiagnosticSink } from '../shared/diagnostics.js';
import { tokenize } from '../shared/inline-tokens.js';
import { boundedLinks } from '../shared/links.js';
import type { NoteRegistry } from '../shared/notes.js';

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
}
