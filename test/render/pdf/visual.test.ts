/**
 * Visual regression: pages 1 and 2 of the reference letter, rasterised by poppler at 50 dpi,
 * against the approved images in test/fixtures/visual/. A layout change shows up here; when it is
 * intended, look at the new pages and approve them with `UPDATE_VISUAL=1 npx vitest run
 * test/render-pdf-visual.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterMetadata } from '../src/model/metadata.js';
import { parseLetterFile } from '../src/parse/parse-letter.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { loadTheme } from '../src/render/theme.js';
import { decodePng, diffRatio } from './fixtures/pdf/png.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/visual');
/** Share of pixels allowed to differ clearly: anti-aliasing noise, not a moved line. */
const TOLERANCE = 0.002;

describe('reference letter, pages 1 and 2', () => {
  it('look like the approved images', async () => {
    const { letter } = await parseLetterFile('input/000_4c8a1616a76a7555.txt');
    const pdf = await renderPdf({ letter, meta: letterMetadata(letter, loadTheme().t, {}), theme: loadTheme() });
    const dir = mkdtempSync(join(tmpdir(), 'rijkspers-visual-'));
    writeFileSync(join(dir, 'ref.pdf'), pdf.bytes);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', join(dir, 'ref.pdf'), join(dir, 'page')]);
    for (const n of [1, 2]) {
      const actualFile = join(dir, `page-${n}.png`);
      const fixture = join(FIXTURES, `reference-p${n}.png`);
      if (process.env.UPDATE_VISUAL === '1') copyFileSync(actualFile, fixture);
      expect(existsSync(fixture), `${fixture} (approve with UPDATE_VISUAL=1)`).toBe(true);
      const actual = decodePng(readFileSync(actualFile));
      const expected = decodePng(readFileSync(fixture));
      expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
      // A blank or broken page would differ everywhere; the page must also carry ink at all.
      expect(actual.data.some((v) => v < 128)).toBe(true);
      const ratio = diffRatio(actual, expected);
      expect(ratio, `page ${n}: ${(ratio * 100).toFixed(3)} % of pixels differ (see ${actualFile})`).toBeLessThanOrEqual(TOLERANCE);
    }
    // Kept only when a page differs, for the human who has to look at it.
    rmSync(dir, { recursive: true, force: true });
  });

  it('would notice a moved line (the comparison is not blind)', () => {
    const page = decodePng(readFileSync(join(FIXTURES, 'reference-p1.png')));
    const shifted = { ...page, data: new Uint8Array(page.data.length) };
    const stride = page.width * page.channels;
    // Shift the whole page down by 3 pixels (about 1.5 mm at 50 dpi).
    shifted.data.fill(255);
    shifted.data.set(page.data.subarray(0, page.data.length - 3 * stride), 3 * stride);
    expect(diffRatio(shifted, page)).toBeGreaterThan(TOLERANCE);
  });
});
