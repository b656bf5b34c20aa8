/** The render property, shared by the two render test files (one per profile, so both cores work). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { fuzzCase, type Profile } from './arbitraries.js';
import { checkRender, qpdfAvailable } from './invariants.js';
import { fuzzConfig, runProperty, type FuzzConfig } from './runner.js';

export async function renderProperty(profile: Exclude<Profile, 'parse'>, config: FuzzConfig = fuzzConfig()): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `rijkspers-fuzz-${profile}-`));
  const qpdf = qpdfAvailable();
  let qpdfRuns = 0;
  try {
    const figures = await runProperty(profile, fuzzCase(profile), async (bytes, { index, shrinking }) => {
      // qpdf on the first published PDF, every k-th case after it, and every case while shrinking.
      const withQpdf = qpdf && (shrinking || qpdfRuns === 0 || index % config.qpdfEvery === 0);
      const outcome = await checkRender(bytes, { dir, qpdf: withQpdf });
      const checked = withQpdf && outcome.kind === 'published';
      if (checked) qpdfRuns++;
      return { outcome: outcome.kind === 'published' ? 'published' : `input-error:${outcome.code}`, qpdf: checked };
    }, config);
    expect(figures.failed).toBe(false);
    expect(figures.runs).toBe(figures.planned);
    const published = figures.outcomes.published ?? 0;
    if (qpdf && published > 0) expect(figures.qpdfChecks).toBeGreaterThan(0);
    // Most mutated letters still publish: the property is about output, not about input errors.
    // (A statement about the mix, so only for runs large enough to have one.)
    if (figures.runs >= 20) expect(published).toBeGreaterThan(figures.runs / 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
