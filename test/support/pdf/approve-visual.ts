/**
 * Approves the current look of the reference letter: renders pages 1 and 2 and writes them over
 * the approved images in test/fixtures/visual/. Run it (`npm run visual:approve`) only after
 * looking at the new pages; the visual test itself never writes an approved image.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approvedImage, rasterizeReferencePages } from './visual.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-approve-visual-'));
try {
  for (const [page, png] of await rasterizeReferencePages(dir)) {
    copyFileSync(png, approvedImage(page));
    process.stdout.write(`approved page ${page}: ${approvedImage(page)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
