/**
 * A partial build (`--format pdf` into a folder that holds a full build) merges into the letter's
 * report instead of forgetting the outputs it did not rewrite. An earlier output stays described
 * (under `kept`, with the check result it had) as long as its file is still the one the earlier
 * report described, byte for byte (same SHA-256). A file that was changed or removed since is
 * dropped from the report: the report never vouches for bytes nobody checked.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputFormat } from '../check/types.js';
import { FORMAT_NAMES, FORMATS } from '../formats.js';
import { hashFile } from '../util/hash.js';
import { outputEntry, parseReport } from './report.js';
import type { OutputEntry } from './schema.js';

/** Outputs a report of an older version lists: enough to keep them described, not checked. */
function olderOutputs(text: string): OutputEntry[] {
  try {
    const data = JSON.parse(text) as { outputs?: unknown };
    if (!Array.isArray(data.outputs)) return [];
    return data.outputs.flatMap((o: Record<string, unknown>): OutputEntry[] => {
      const format = FORMAT_NAMES.find((f) => f === o.format);
      if (!format || typeof o.file !== 'string' || typeof o.bytes !== 'number' || typeof o.sha256 !== 'string') return [];
      // Its check results were in an older shape: the kept output is shown as not checked.
      return [outputEntry({ format, file: o.file, bytes: o.bytes, sha256: o.sha256, ...(typeof o.pages === 'number' ? { pages: o.pages } : {}) })];
    });
  } catch {
    return [];
  }
}

/** The outputs of `stem` in `outDir` that the build of `rebuilt` formats leaves in place and still describes. */
export async function keptOutputs(outDir: string, stem: string, rebuilt: readonly OutputFormat[]): Promise<OutputEntry[]> {
  let text: string;
  try {
    text = await readFile(join(outDir, `${stem}.report.json`), 'utf8');
  } catch {
    return [];
  }
  const read = parseReport(text);
  const earlier = read.ok ? read.report.letters.flatMap((l) => (l.stem === stem ? [...l.outputs, ...l.kept] : [])) : olderOutputs(text);
  const expected = new Set(FORMATS.map((f) => `${stem}${f.extension}`));
  const kept: OutputEntry[] = [];
  for (const format of FORMAT_NAMES) {
    if (rebuilt.includes(format)) continue;
    const entry = earlier.find((o) => o.format === format && expected.has(o.file));
    if (!entry) continue;
    const now = await hashFile(join(outDir, entry.file)).catch(() => undefined);
    if (now === entry.sha256) kept.push(entry);
  }
  return kept;
}
