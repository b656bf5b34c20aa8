/**
 * The text export's letter parser: decoded lines → `Letter`, by the letter-structure rules every
 * reader shares (`../shared/letter/`). What only the text export has is handled here: Word writes
 * a paragraph's footnote texts at the end of its line (`[N:  text]`).
 */
import { parse } from 'node:path';
import type { ParseResult } from '../types.js';
import { buildLetter } from '../shared/letter/build-letter.js';
import { DiagnosticSink } from '../shared/diagnostics.js';
import { NoteRegistry } from '../shared/notes.js';
import { decodeLines, readSourceLines, type SourceLine } from './read-input.js';
import { splitFootnoteDefinitions } from './footnote-text.js';

export type { ParseResult };

export function parseLetterLines(file: string, source: readonly SourceLine[], stem = parse(file).name): ParseResult {
  const sink = new DiagnosticSink(file);
  const notes = new NoteRegistry(sink);
  return buildLetter({
    file, stem, sink, notes, lines: source,
    // Stage 1 of the text export: the footnote texts Word appended to each line are notes.
    takeNotes: (l) => {
      const split = splitFootnoteDefinitions(l.text, l.n, sink);
      for (const def of split.definitions) notes.define('footnote', def);
      return split.body;
    },
  });
}

export function parseLetterText(file: string, bytes: Uint8Array, stem?: string): ParseResult {
  return parseLetterLines(file, decodeLines(file, bytes), stem);
}

export async function parseLetterFile(file: string, stem?: string): Promise<ParseResult> {
  return parseLetterLines(file, await readSourceLines(file), stem);
}
