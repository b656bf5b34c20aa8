/**
 * Word footnotes and source references: collects definitions and calls, resolves calls to notes
 * with ids that never collide (`fn-N` and `src-N`), and reports the loose ends as warnings.
 * A Word document adds endnotes: numbered apart from the footnotes (as Word shows them), so they
 * get ids of their own (`en-N`) and are published as notes of kind `footnote`.
 */
import type { Inline, Note, NoteKind } from '../../model/ast.js';
import type { DiagnosticSink } from './diagnostics.js';
import { plainInlines, type RawToken } from './inline-tokens.js';
import { boundedLinks } from './links.js';

/** The numberings a letter can hold: the model's note kinds, and Word's endnotes. */
export type NoteSeries = NoteKind | 'endnote';

interface Definition {
  number: number;
  text: string;
  line: number;
  /** What the reader sees at the call and before the note (default: the number, `[N]` for sources). */
  label?: string;
  /** The note's content when the reader has more than text (Word's marks and links). */
  content?: Inline[];
}

const PREFIX: Record<NoteSeries, { note: string; ref: string; noun: string; kind: NoteKind }> = {
  footnote: { note: 'fn', ref: 'fnref', noun: 'footnote', kind: 'footnote' },
  endnote: { note: 'en', ref: 'enref', noun: 'endnote', kind: 'footnote' },
  source: { note: 'src', ref: 'srcref', noun: 'source reference', kind: 'source' },
};

const SERIES_OF_CALL: Partial<Record<RawToken['type'], NoteSeries>> = {
  footnoteCall: 'footnote',
  endnoteCall: 'endnote',
  sourceCall: 'source',
};

function defaultLabel(series: NoteSeries, n: number): string {
  return series === 'source' ? `[${n}]` : String(n);
}

export class NoteRegistry {
  private readonly defs: Record<NoteSeries, Map<number, Definition>> = { footnote: new Map(), endnote: new Map(), source: new Map() };
  private readonly calls: Record<NoteSeries, Map<number, string[]>> = { footnote: new Map(), endnote: new Map(), source: new Map() };

  constructor(private readonly sink: DiagnosticSink) {}

  define(series: NoteSeries, def: Definition): void {
    const existing = this.defs[series].get(def.number);
    if (existing) {
      this.sink.warn(def.line, 'duplicate-note',
        `${PREFIX[series].noun} ${def.number} is defined again (first on ${this.sink.unit} ${existing.line}); the first text is used`);
      return;
    }
    this.defs[series].set(def.number, def);
  }

  hasSource(number: number): boolean {
    return this.defs.source.has(number);
  }

  /** Turns raw tokens into inlines, resolving note calls. Call after every definition is known. */
  resolve(tokens: readonly RawToken[]): Inline[] {
    const out: Inline[] = [];
    for (const t of tokens) {
      const series = SERIES_OF_CALL[t.type];
      if (series === undefined || !('number' in t)) { out.push(t as Inline); continue; }
      const p = PREFIX[series];
      const def = this.defs[series].get(t.number);
      if (!def) {
        this.sink.warn(t.line, 'undefined-note',
          `${p.noun} ${t.raw} has no ${series === 'source' ? `definition line "[${t.number}] …"` : `${p.noun} text`}; it is published as written, without a link`);
        const prev = out.at(-1);
        if (prev?.type === 'text' && prev.marks === undefined) prev.text += t.raw;
        else out.push({ type: 'text', text: t.raw, line: t.line });
        continue;
      }
      const refs = this.calls[series].get(t.number) ?? [];
      const refId = refs.length === 0 ? `${p.ref}-${t.number}` : `${p.ref}-${t.number}-${refs.length + 1}`;
      refs.push(refId);
      this.calls[series].set(t.number, refs);
      out.push({
        type: 'noteRef', kind: p.kind, line: t.line, refId,
        noteId: `${p.note}-${t.number}`,
        label: def.label ?? defaultLabel(series, t.number),
      });
    }
    return out;
  }

  /** All notes, footnotes, endnotes, then sources, each by number; warns about notes nobody calls. */
  notes(): Note[] {
    const out: Note[] = [];
    for (const series of ['footnote', 'endnote', 'source'] as const) {
      const p = PREFIX[series];
      const numbers = [...this.defs[series].keys()].sort((a, b) => a - b);
      for (const n of numbers) {
        const def = this.defs[series].get(n)!;
        const refIds = this.calls[series].get(n) ?? [];
        const label = def.label ?? defaultLabel(series, n);
        if (refIds.length === 0) {
          this.sink.warn(def.line, 'unreferenced-note',
            `${p.noun} ${series === 'source' ? `[${n}]` : label} is never referenced in the text; it is published without a call`);
        }
        out.push({
          id: `${p.note}-${n}`, kind: p.kind, number: n, line: def.line, refIds, label,
          content: boundedLinks(def.content ?? plainInlines(def.text, def.line), this.sink),
        });
      }
    }
    return out;
  }
}
