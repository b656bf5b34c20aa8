/**
 * Every failure `make fuzz` ever saved (test/fixtures/fuzz/), run through the same invariants as
 * the fuzz properties: the parser's, then rendering all three formats without checks.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkParse, checkRender, qpdfAvailable } from '../support/fuzz/invariants.js';
import { FIXTURES } from '../support/fuzz/runner.js';

const NAME = /^(?<property>parse|render-structure|render-characters)-seed(?<seed>\d+)-(?<hash>[0-9a-f]{8})\.txt$/u;
const entries = readdirSync(FIXTURES).sort();
const saved = entries.filter((f) => f.endsWith('.txt'));

describe('saved fuzz failures (test/fixtures/fuzz/)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rijkspers-fuzz-regressions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only its README and saved cases named PROPERTY-seedSEED-HASH.txt, each unedited', () => {
    expect(entries).toContain('README.md');
    for (const f of entries.filter((e) => e !== 'README.md')) {
      const m = NAME.exec(f);
      expect(m, `${f} is not named PROPERTY-seedSEED-HASH.txt`).not.toBeNull();
      const hash = createHash('sha256').update(readFileSync(join(FIXTURES, f))).digest('hex').slice(0, 8);
      expect(hash, `${f}: the content no longer matches the hash in its name`).toBe(m!.groups!.hash);
    }
  });

  it.each(saved)('%s: the parser returns a letter or an InputError, and the outputs are well-formed', async (f) => {
    const bytes = readFileSync(join(FIXTURES, f));
    const parsed = checkParse(bytes, f);
    const rendered = await checkRender(bytes, { dir, qpdf: qpdfAvailable() });
    // Both see the same letter: a parser input error is the render's input error.
    if (parsed.kind === 'input-error') expect(rendered).toMatchObject({ kind: 'input-error', code: parsed.code });
  });
});
