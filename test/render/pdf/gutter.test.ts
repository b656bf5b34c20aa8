/**
 * Issue 10 (b): a clear gutter between the body column and the reference column. On every page of
 * every sample PDF (the three of input/ and the eight unseen letters), no glyph of the body column
 * comes within 8 mm of the reference column. Measured as a reader's tool sees the page: pdfjs text
 * items, the right end of each (x + width) against the reference column's left edge (164 mm).
 *
 * Body items are those that start left of the reference column, below the top of the body area
 * and, on page 1, below the masthead (the emblem's band, 37.125 mm): the masthead's wordmark beside
 * the emblem is in neither column and, like the house style's wordmark, may run wider. Artifacts in
 * the body column (a repeated table header) count too.
 */
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { loadTheme } from '../../../src/render/theme.js';
import { SAMPLES, UNSEEN } from '../../support/letters.js';
import { textRuns } from '../../support/pdf/inspect.js';
import { renderInputOf } from '../../support/render.js';

const MM = 72 / 25.4;
const pdfJson = loadTheme().json('pdf.json') as { page: { heightMm: number }; band: { heightMm: number }; body: { topMm: number }; referenceColumn: { leftMm: number } };
const REFERENCE_LEFT = pdfJson.referenceColumn.leftMm * MM;
const GUTTER = 8 * MM;
/** Baselines below this (PDF y, from the bottom) are in the body area: under the masthead on page 1. */
const bodyTop = (page: number): number => (pdfJson.page.heightMm - (page === 0 ? pdfJson.band.heightMm : pdfJson.body.topMm)) * MM;

describe('the house style', () => {
  it('puts the reference column at 164 mm, the body area 25 mm from the top, under a 37.125 mm masthead on page 1', () => {
    expect(pdfJson.referenceColumn.leftMm).toBe(164);
    expect(pdfJson.body.topMm).toBe(25);
    expect(pdfJson.band.heightMm).toBe(37.125);
  });
});

describe.each([...SAMPLES, ...UNSEEN])('%s', (path) => {
  it('keeps every glyph of the body column at least 8 mm from the reference column, on every page', async () => {
    const pages = await textRuns((await renderPdf(await renderInputOf(path))).bytes);
    let measured = 0;
    let widest = 0;
    pages.forEach((runs, p) => {
      const body = runs.filter((r) => r.x < REFERENCE_LEFT && r.y < bodyTop(p) && r.str.trim() !== '');
      expect(body.length, `page ${p + 1} has body text`).toBeGreaterThan(0);
      for (const r of body) {
        measured++;
        widest = Math.max(widest, r.x + r.width);
        const gap = REFERENCE_LEFT - (r.x + r.width);
        expect(gap, `page ${p + 1}: "${r.str}" ends ${(gap / MM).toFixed(1)} mm before the reference column`).toBeGreaterThanOrEqual(GUTTER - 0.01);
      }
      // The reference column itself is there (its text starts at its edge) on every page.
      expect(runs.some((r) => Math.abs(r.x - REFERENCE_LEFT) < 0.5), `page ${p + 1} has the reference column`).toBe(true);
    });
    expect(measured).toBeGreaterThan(20);
    // The measure is not blind: the longest lines reach close to the body column's right edge (155 mm).
    expect(widest / MM).toBeGreaterThan(145);
  });
});
