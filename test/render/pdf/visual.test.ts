/**
 * Visual regression: pages 1 and 2 of the reference letter, rasterised by poppler at 50 dpi,
 * against the approved images in test/fixtures/visual/. A layout change shows up here; when it is
 * intended, look at the new pages (kept in the temp folder the failure names) and approve them with
 * `npm run visual:approve`. This test only compares: nothing here writes an approved image, so a
 * new image is never compared with itself.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, diffRatio } from '../../support/pdf/png.js';
import { approvedImage, rasterizeReferencePages, VISUAL_FIXTURES, VISUAL_PAGES } from '../../support/pdf/visual.js';

/** Share of pixels allowed to differ clearly: anti-aliasing noise, not a moved line. */
const TOLERANCE = 0.002;

describe('reference letter, pages 1 and 2', () => {
  it('look like the approved images', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rijkspers-visual-'));
    const pages = await rasterizeReferencePages(dir);
    let same = true;
    for (const n of VISUAL_PAGES) {
      const actualFile = pages.get(n)!;
      const fixture = approvedImage(n);
      // The new page and the approved one are different files, in different folders.
      expect(resolve(dirname(actualFile))).not.toBe(resolve(VISUAL_FIXTURES));
      expect(existsSync(fixture), `${fixture} is missing (approve with npm run visual:approve)`).toBe(true);
      const actual = decodePng(readFileSync(actualFile));
      const expected = decodePng(readFileSync(fixture));
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
      // A blank or broken page would differ everywhere; the page must also carry ink at all.
      expect(actual.data.some((v) => v < 128)).toBe(true);
      const ratio = diffRatio(actual, expected);
      same &&= ratio <= TOLERANCE;
      expect(ratio, `page ${n}: ${(ratio * 100).toFixed(3)} % of pixels differ (new page: ${actualFile})`).toBeLessThanOrEqual(TOLERANCE);
    }
    // Kept only when a page differs, for the human who has to look at it.
    if (same) rmSync(dir, { recursive: true, force: true });
  });

  it('would notice a moved line (the comparison is not blind)', () => {
    const page = decodePng(readFileSync(approvedImage(1)));
    const shifted = { ...page, data: new Uint8Array(page.data.length) };
    const stride = page.width * page.channels;
    // Shift the whole page down by 3 pixels (about 1.5 mm at 50 dpi).
    shifted.data.fill(255);
    shifted.data.set(page.data.subarray(0, page.data.length - 3 * stride), 3 * stride);
    expect(diffRatio(shifted, page)).toBeGreaterThan(TOLERANCE);
    expect(diffRatio(page, page)).toBe(0);
  });
});
