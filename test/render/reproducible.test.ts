/**
 * Issue 11: the outputs of the samples do not change unless someone means them to. Each of the
 * three samples is rendered in every format (default house style) twice in this process — the
 * second time with every cache warm — and must give the same bytes; and the SHA-256 of each output
 * must be the one in test/fixtures/hashes.json. A deliberate change of an output is a reviewed
 * update of that table: `npm run hashes:update`, committed with the change that causes it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HASHED_FORMATS, HASHES_FILE, sampleOutputs, sha256, type HashTable } from '../support/hashes.js';
import { SAMPLES } from '../support/letters.js';

const approved = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as HashTable;

describe('the approved table', () => {
  it('lists exactly the samples of input/, each with every format', () => {
    expect(Object.keys(approved).sort()).toEqual([...SAMPLES].sort());
    for (const sample of SAMPLES) {
      expect(Object.keys(approved[sample]!).sort()).toEqual([...HASHED_FORMATS].sort());
      for (const h of Object.values(approved[sample]!)) expect(h).toMatch(/^[0-9a-f]{64}$/u);
    }
  });
});

describe.each(SAMPLES)('%s', async (sample) => {
  const first = await sampleOutputs(sample);
  const second = await sampleOutputs(sample);

  it.each(HASHED_FORMATS)('%s: the same bytes when rendered again in the same process', (format) => {
    expect(first[format].length).toBeGreaterThan(1000);
    expect(Buffer.from(second[format]).equals(Buffer.from(first[format]))).toBe(true);
  });

  it.each(HASHED_FORMATS)('%s: the SHA-256 of the approved table (npm run hashes:update after a deliberate change)', (format) => {
    expect(sha256(first[format]), `${sample} ${format}`).toBe(approved[sample]![format]);
  });
});
