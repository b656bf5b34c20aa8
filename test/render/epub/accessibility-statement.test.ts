/**
 * Issue 10 (f): the EPUB's accessibility statement claims no more than was done. `a11y:certifiedBy`
 * names the organisation that stands behind the statement — the letter's sender, or one the user
 * names — never a tool (not rijkspers, EPUBCheck or Ace); it is there only when the build checks
 * every output or a person reviewed the publication. The summary says which checks run and that no
 * manual evaluation took place; `dcterms:conformsTo` (WCAG) is claimed only after a manual review.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimOptions } from '../../../src/model/metadata.js';
import { buildLetters } from '../../../src/pipeline/build.js';
import { renderEpub } from '../../../src/render/epub/index.js';
import { CONFORMS_TO } from '../../../src/render/epub/package-metadata.js';
import { metaValues, readBook } from '../../support/epub.js';
import { REFERENCE } from '../../support/letters.js';
import { makePrintLayout } from '../../../src/render/print-layout.js';
import { epubInputOf, renderInputOf } from '../../support/render.js';

const TOOLS = /rijkspers|epubcheck|ace|daisy|axe|pa11y|verapdf|pdfinfo|qpdf/iu;

/** The reference letter's EPUB under a claim: its package's accessibility metadata. */
async function statement(claim: ClaimOptions): Promise<{ certifiedBy: string[]; conformsTo: string[]; summary: string }> {
  const input = await renderInputOf(REFERENCE, { claim });
  const { pageStarts } = await makePrintLayout(input);
  const book = readBook(await renderEpub(epubInputOf(input, pageStarts)));
  const summaries = metaValues(book, 'schema:accessibilitySummary');
  expect(summaries).toHaveLength(1);
  return { certifiedBy: metaValues(book, 'a11y:certifiedBy'), conformsTo: metaValues(book, 'dcterms:conformsTo'), summary: summaries[0]! };
}

describe('a build that checks every output (rijkspers build)', async () => {
  const s = await statement({ checked: true });

  it('is certified by the sender organisation, not by a tool', () => {
    expect(s.certifiedBy).toEqual(['Ministerie van Buitenlandse Zaken']);
    expect(s.certifiedBy[0]).not.toMatch(TOOLS);
  });

  it('says which checks ran on every file, where their outcome is, and that no person evaluated it', () => {
    expect(s.summary).toMatch(/^Deze publicatie is een Kamerbrief/u);
    expect(s.summary).toContain('automatisch gecontroleerd met EPUBCheck, Ace by DAISY en de controles van rijkspers');
    expect(s.summary).toContain('publicatierapport van Ministerie van Buitenlandse Zaken');
    expect(s.summary).toContain('Een handmatige beoordeling door een deskundige heeft niet plaatsgevonden');
    expect(s.summary).toContain('claimt de publicatie geen conformiteit met WCAG');
  });

  it('claims no conformance to WCAG', () => {
    expect(s.conformsTo).toEqual([]);
  });
});

describe('a build without checks (--no-check)', async () => {
  const s = await statement({ checked: false });

  it('has no one certify it, no conformance, and says it was not checked', () => {
    expect(s.certifiedBy).toEqual([]);
    expect(s.conformsTo).toEqual([]);
    expect(s.summary).toContain('niet automatisch gecontroleerd');
    expect(s.summary).not.toContain('EPUBCheck');
    expect(s.summary).toContain('heeft niet plaatsgevonden');
  });
});

describe('a publication a person reviewed, for another organisation', async () => {
  const s = await statement({ checked: true, manualReview: true, certifier: '  Logius  ' });

  it('names that organisation, claims conformance and says a person reviewed it', () => {
    expect(s.certifiedBy).toEqual(['Logius']);
    expect(s.conformsTo).toEqual([CONFORMS_TO]);
    expect(CONFORMS_TO).toBe('EPUB Accessibility 1.1 - WCAG 2.2 Level AA');
    expect(s.summary).toContain('handmatig beoordeeld aan de hand van WCAG 2.2 niveau AA');
    expect(s.summary).not.toContain('niet plaatsgevonden');
  });
});

describe('the pipeline', () => {
  it('hands the build\'s claim to the EPUB: a build without checks claims none', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rijkspers-a11y-'));
    try {
      const [o] = await buildLetters([REFERENCE], { outDir: out, formats: ['pdf', 'epub'], check: false, jobs: 1 });
      expect(o?.kind).toBe('published');
      const book = readBook(new Uint8Array(readFileSync(join(out, '000_4c8a1616a76a7555.epub'))));
      expect(metaValues(book, 'a11y:certifiedBy')).toEqual([]);
      expect(metaValues(book, 'schema:accessibilitySummary')[0]).toContain('niet automatisch gecontroleerd');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
