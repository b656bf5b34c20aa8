/**
 * Which input line a finding in an output comes from. Every writer gives its elements the model's
 * ids (`b12`, `fn-1`, the note calls' ref ids, `b12-kop` …: HTML and EPUB `id`s, PDF structure
 * element IDs), and every node of the model knows its source line. So a finding whose selector,
 * snippet or object names such an id can point at the line of the letter to fix, which is what
 * SARIF dashboards and editors want. Findings with no id (a font, the whole file) get none.
 */
import type { Finding, FindingLocation } from '../check/types.js';
import type { Letter } from '../model/ast.js';
import { walkLetter } from '../model/visit.js';
import type { ReportFinding, SourceLine } from './schema.js';

/** Every id the model gives an element, with its source line. */
export function idLines(letter: Letter): Map<string, number> {
  const lines = new Map<string, number>();
  walkLetter(letter, {
    node: (n) => { lines.set(n.id, n.line); },
    inline: (i) => { if (i.type === 'noteRef') lines.set(i.refId, i.line); },
    note: (n) => { lines.set(n.id, n.line); },
  });
  return lines;
}

/** Ids a location names: in its selector (`#b12 > a`, most specific last), its snippet (`id="b12"`), its object. */
function idsOf(l: FindingLocation): string[] {
  const ids: string[] = [];
  if (l.selector) ids.push(...[...l.selector.matchAll(/#([\w-]+)/gu)].map((m) => m[1]!).reverse());
  if (l.snippet) ids.push(...[...l.snippet.matchAll(/\bid="([^"]+)"/gu)].map((m) => m[1]!));
  if (l.object) ids.push(...(l.object.match(/[\w-]+/gu) ?? []));
  return ids;
}

/** The line of an id, or of the element it is derived from (`b12-kop` → `b12`). */
function lineOfId(id: string, lines: ReadonlyMap<string, number>): number | undefined {
  for (let candidate = id; candidate !== ''; candidate = candidate.slice(0, Math.max(0, candidate.lastIndexOf('-')))) {
    const line = lines.get(candidate);
    if (line !== undefined) return line;
    if (!candidate.includes('-')) break;
  }
  return undefined;
}

/** The input line of a finding in an output of `input`, if any of its locations names a known id. */
export function sourceLineOf(finding: Finding, input: string, lines: ReadonlyMap<string, number>): SourceLine | undefined {
  for (const l of finding.locations) {
    for (const id of idsOf(l)) {
      const line = lineOfId(id, lines);
      if (line !== undefined) return { file: input, line };
    }
  }
  return undefined;
}

/** A finding of an output with its input line added when the model knows it. */
export function withSourceLine(input: string, lines: ReadonlyMap<string, number>): (f: Finding) => ReportFinding {
  return (f) => {
    const at = sourceLineOf(f, input, lines);
    return at ? { ...f, input: at } : f;
  };
}

/** A document-rule finding: its first location in the input is its source line. */
export function documentFinding(f: Finding, input: string): ReportFinding {
  const at = f.locations.find((l) => l.file === input && l.line !== undefined);
  return at ? { ...f, input: { file: input, line: at.line! } } : f;
}
