/**
 * Writes test/fixtures/hashes.json from the current sources (`npm run hashes:update`). Run it only
 * for a deliberate change of a sample's output, and commit the table with that change: the
 * reproducibility test (test/render/reproducible.test.ts) compares every build with it.
 */
import { writeFileSync } from 'node:fs';
import { currentHashes, HASHES_FILE } from './hashes.js';

const table = await currentHashes();
writeFileSync(HASHES_FILE, `${JSON.stringify(table, null, 2)}\n`);
for (const [sample, hashes] of Object.entries(table)) {
  process.stdout.write(`${sample}\n${Object.entries(hashes).map(([f, h]) => `  ${f.padEnd(5)} ${h}`).join('\n')}\n`);
}
process.stdout.write(`wrote ${HASHES_FILE}\n`);
