/**
 * Word footnotes and source references: collects definitions and calls, resolves calls to notes
 * with ids that never collide (`fn-N` and `src-N`), and reports the loose ends as warnings.
 */
import type { Inline, Note, NoteKind } from '../../model/ast.js';
import type { DiagnosticSink } from './diagnostics.js';
import { plainInlines, type RawToken } from './inline-tokens.js';
import { boundedLinks } from './links.js';

interface Definition { number: number; text: string; line: number }

const PREFIX: Record<NoteKind, { note: string; ref: string; noun: string }> = {
  footnote: { note: 'fn', ref: 'fnref', noun: 'footnote' },
  source: { note: 'src', ref: 'srcref', noun: 'source reference' },
};

export class NoteRegistry {
  private readonly defs: Record<NoteKind, Map<number, Definition>> = { footnote: new Map(), source: new Map() };
  private readonly calls: Record<NoteKind, Map<number, string[]>> = { footnote: new Map(), source: new Map() };

  constructor(private readonly sink: DiagnosticSink) {}

  define(kind: NoteKind, def: Definition): void {
    const existing = this.defs[kind].get(def.number);
    if (existing) {
      this.sink.warn(def.line, 'duplicate-note',
        `${PREFIX[kind].noun} ${def.number} is defined again (first on line ${existing.line}); the first text is used`);
      return;
    }
    this.defs[kind].set(def.number, def);
  }

  hasSource(number: number): boolean {
    return this.defs.source.has(number);
  }

  /** Turns raw tokens into inlines, resolving note calls. Call after every definition is known. */
  resolve(tokens: readonly RawToken[]): Inline[] {
    const out: Inline[] = [];
    for (const t of tokens) {
      if (t.type !== 'footnoteCall' && t.type !== 'sourceCall') { out.push(t); continue; }
      const kind: NoteKind = t.type === 'footnoteCall' ? 'footnote' : 'source';
      const p = PREFIX[kind];
      if (!this.defs[kind].has(t.number)) {
        this.sink.warn(t.line, 'undefined-note',
          `${p.noun} ${t.raw} has no ${kind === 'footnote' ? 'footnote text' : `definition line "[${t.number}] …"`}; it is published as written, without a link`);
        const prev = out.at(-1);
        if (prev?.type === 'text') prev.text += t.raw;
        else out.push({ type: 'text', text: t.raw, line: t.line });
        continue;
      }
      const refs = this.calls[kind].get(t.number) ?? [];
      const refId = refs.length === 0 ? `${p.ref}-${t.number}` : `${p.ref}-${t.number}-${refs.length + 1}`;
      refs.push(refId);
      this.calls[kind].set(t.number, refs);
      out.push({
        type: 'noteRef', kind, line: t.line, refId,
        noteId: `${p.note}-${t.number}`,
        label: kind === 'footnote' ? String(t.number) : `[${t.number}]`,
      });
    }
    return out;
  }

  /** All notes, footnotes then sources, each by number; warns about notes nobody calls. */
  notes(): Note[] {
    const out: Note[] = [];
    for (const kind of ['footnote', 'source'] as const) {
      const p = PREFIX[kind];
      const numbers = [...this.defs[kind].keys()].sort((a, b) => a - b);
      for (const n of numbers) {
        const def = this.defs[kind].get(n)!;
        const refIds = this.calls[kind].get(n) ?? [];
        if (refIds.length === 0) {
          this.sink.warn(def.line, 'unreferenced-note',
            `${p.noun} ${kind === 'footnote' ? n : `[${n}]`} is never referenced in the text; it is published without a call`);
        }
        out.push({
          id: `${p.note}-${n}`, kind, number: n, line: def.line, refIds,
          label: kind === 'footnote' ? String(n) : `[${n}]`,
          content: boundedLinks(plainInlines(def.text, def.line), this.sink),
        });
      }
    }
    return out;
  }
}
