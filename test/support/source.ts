/**
 * Rules on code, checked on the parsed code rather than its text: modules parsed with oxc (through
 * vite's `parseSync`), every node of the tree visited.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'vite';

/** The files under `dir` (all depths) whose names end in `suffix`, as paths. */
export function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(suffix)).sort().map((f) => join(dir, f));
}

/** The module's ESTree program and comments; a module that does not parse fails the test. */
export function parseModule(file: string, text = readFileSync(file, 'utf8')): ReturnType<typeof parseSync> {
  const parsed = parseSync(file, text);
  if (parsed.errors.length) throw new Error(`${file} does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return parsed;
}

/** Calls `visit` with every node of `tree` (objects with a `type`), parents before children. */
export function visitNodes(tree: unknown, visit: (node: { type?: string }) => void): void {
  if (!tree || typeof tree !== 'object') return;
  if (Array.isArray(tree)) {
    for (const child of tree) visitNodes(child, visit);
    return;
  }
  visit(tree as { type?: string });
  for (const [key, value] of Object.entries(tree)) if (key !== 'parent') visitNodes(value, visit);
}
