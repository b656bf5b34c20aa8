/**
 * The visual comparison's one way of making pages: pages 1 and 2 of the reference letter as the
 * PDF writer draws them, rasterised by poppler at 50 dpi. The test compares these with the approved
 * images; only `npm run visual:approve` (approve-visual.ts) writes approved images.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { REFERENCE, REPO } from '../letters.js';
import { renderInputOf } from '../render.js';

export const VISUAL_FIXTURES = join(REPO, 'test', 'fixtures', 'visual');
export const VISUAL_PAGES = [1, 2] as const;

/** The approved image of a page. */
export function approvedImage(page: number): string {
  return join(VISUAL_FIXTURES, `reference-p${page}.png`);
}

/** Renders the reference letter and rasterises the compared pages into `dir`; returns their PNG paths by page. */
export async function rasterizeReferencePages(dir: string): Promise<Map<number, string>> {
  const pdf = await renderPdf(await renderInputOf(REFERENCE));
  const file = join(dir, 'reference.pdf');
  writeFileSync(file, pdf.bytes);
  const first = VISUAL_PAGES[0];
  const last = VISUAL_PAGES[VISUAL_PAGES.length - 1]!;
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(first), '-l', String(last), file, join(dir, 'page')]);
  return new Map(VISUAL_PAGES.map((n) => [n, join(dir, `page-${n}.png`)]));
}
