/**
 * Findings of the HTML tools, gathered per file: the same finding from several axe passes
 * (light, dark, 320 px) is one finding that names every pass it showed up in, so a report counts
 * problems, not passes.
 */
import type { Finding, FindingLocation } from '../types.js';

/** Collapses whitespace and cuts long HTML so a report line stays readable. */
export function snippet(html: string, max = 300): string {
  const flat = html.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A location in the checked page: a selector and, when known, the element's markup. */
export function pageLocation(file: string, selector: string | undefined, html?: string | null): FindingLocation {
  return {
    file,
    ...(selector ? { selector } : {}),
    ...(html ? { snippet: snippet(html) } : {}),
  };
}

function keyOf(f: Finding): string {
  return JSON.stringify([f.tool.name, f.rule, f.locations]);
}

export class FindingSet {
  private readonly byKey = new Map<string, Finding>();

  /** Adds `finding`; from an axe pass, `pass` names it (`light`, `dark`, `320px`). */
  add(finding: Finding, pass?: string): void {
    const key = keyOf(finding);
    const seen = this.byKey.get(key);
    if (!seen) {
      this.byKey.set(key, pass ? { ...finding, passes: [pass] } : finding);
      return;
    }
    if (pass && !(seen.passes ?? []).includes(pass)) seen.passes = [...(seen.passes ?? []), pass];
  }

  list(): Finding[] {
    return [...this.byKey.values()];
  }
}
