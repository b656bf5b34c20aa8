/**
 * The SHA-256 of every output of the three samples, as the writers make them with the default house
 * style (the bytes `rijkspers build --no-check` writes). test/fixtures/hashes.json holds the
 * approved table; `npm run hashes:update` (update-hashes.ts) writes it after a deliberate change.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { REPO, SAMPLES } from './letters.js';
import { renderAll } from './render.js';

export const HASHES_FILE = join(REPO, 'test', 'fixtures', 'hashes.json');
export const HASHED_FORMATS = ['html', 'pdf', 'epub'] as const;

export type HashTable = Record<string, Record<(typeof HASHED_FORMATS)[number], string>>;

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** Every format of a sample, as bytes. */
export async function sampleOutputs(sample: string): Promise<Record<(typeof HASHED_FORMATS)[number], Uint8Array>> {
  const all = await renderAll(sample);
  return { html: new TextEncoder().encode(all.html), pdf: all.pdf, epub: all.epub };
}

/** The table of the current sources. */
export async function currentHashes(): Promise<HashTable> {
  const table: HashTable = {};
  for (const sample of SAMPLES) {
    const out = await sampleOutputs(sample);
    table[sample] = { html: sha256(out.html), pdf: sha256(out.pdf), epub: sha256(out.epub) };
  }
  return table;
}
