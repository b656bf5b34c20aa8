/**
 * Fuzz: rendering without checks, all three formats in memory, on letters mutated in their
 * structure (see test/support/fuzz/arbitraries.ts). Each case is an InputError or three well-formed
 * files: HTML that parses, an EPUB whose entries unzip and whose XML is well-formed, a PDF that
 * opens with well-formed XMP (and passes qpdf --check on a sample of cases).
 */
import { it } from 'vitest';
import { renderProperty } from '../support/fuzz/render-property.js';
import { fuzzConfig, runsFor, testTimeout } from '../support/fuzz/runner.js';

const config = fuzzConfig();

it(`render (structure): well-formed HTML, EPUB and PDF or an InputError, for ${runsFor('render-structure', config)} mutated letters (seed ${config.seed})`, async () => {
  await renderProperty('render-structure', config);
}, testTimeout(config));
