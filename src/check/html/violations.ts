/** Turning tool findings into `Violation`s: locations a human can find, merged across passes. */
import type { Violation } from '../types.js';

/** Collapses whitespace and cuts long HTML so a report line stays readable. */
export function snippet(html: string, max = 160): string {
  const flat = html.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function location(selector: string, html: string | undefined): string {
  return html ? `${selector} ${snippet(html)}` : selector;
}

/**
 * The same finding from several passes (light, dark, 320 px) is one violation that names every
 * pass it showed up in, so a report counts problems, not passes.
 */
export class ViolationSet {
  private readonly byKey = new Map<string, { violation: Violation; passes: string[] }>();

  add(violation: Violation, pass: string, key = `${violation.tool}\u0000${violation.rule}\u0000${violation.location ?? ''}`): void {
    const seen = this.byKey.get(key);
    if (seen) {
      if (!seen.passes.includes(pass)) seen.passes.push(pass);
      return;
    }
    this.byKey.set(key, { violation, passes: [pass] });
  }

  list(): Violation[] {
    return [...this.byKey.values()].map(({ violation, passes }) => ({
      ...violation,
      message: passes.length > 0 && passes[0] !== '' ? `${violation.message} [${passes.join(', ')}]` : violation.message,
    }));
  }
}
