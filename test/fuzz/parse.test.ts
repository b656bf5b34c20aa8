/**
 * Fuzz: the text reader on mutated samples (markers, truncation, line shuffles, Unicode classes,
 * long lines and URLs, far dates, encodings). It returns a letter the writers can rely on, or a
 * documented `InputError` pointing at a line of the file; never anything else.
 * See test/support/fuzz/ and `make fuzz` for the long run.
 */
import { expect, it } from 'vitest';
import { fuzzCase } from '../support/fuzz/arbitraries.js';
import { checkParse } from '../support/fuzz/invariants.js';
import { fuzzConfig, runProperty, runsFor, testTimeout } from '../support/fuzz/runner.js';

const config = fuzzConfig();

it(`parser: a letter or an InputError, for ${runsFor('parse', config)} mutated letters (seed ${config.seed})`, async () => {
  const figures = await runProperty('parse', fuzzCase('parse'), (bytes) => {
    const outcome = checkParse(bytes);
    return { outcome: outcome.kind === 'letter' ? 'letter' : `input-error:${outcome.code}` };
  }, config);
  expect(figures.failed).toBe(false);
  expect(figures.runs).toBe(figures.planned);
  // The mutations reach both sides: letters the parser accepts, and input errors of several kinds
  // (a statement about the mix, so only for runs large enough to have one).
  if (figures.runs >= 100) {
    const errors = Object.keys(figures.outcomes).filter((k) => k.startsWith('input-error:'));
    expect(figures.outcomes.letter).toBeGreaterThan(figures.runs / 4);
    expect(errors.length).toBeGreaterThanOrEqual(3);
  }
}, testTimeout(config));
