/**
 * Pictures of first pages for index.html: drawn by pdftoppm once, then taken from the cache by the
 * PDF's hash (the cache folder comes from RIJKSPERS_CACHE, a temporary folder here).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize, THUMBNAIL_WIDTH, thumbnailCacheDir, thumbnailOf } from '../../../src/report/html/thumbnail.js';
import { hashFile } from '../../../src/util/hash.js';

let dir: string;
const saved = process.env.RIJKSPERS_CACHE;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rijkspers-thumbnails-'));
  process.env.RIJKSPERS_CACHE = join(dir, 'cache');
});

afterAll(() => {
  if (saved === undefined) delete process.env.RIJKSPERS_CACHE;
  else process.env.RIJKSPERS_CACHE = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('thumbnailOf', () => {
  it('draws the first page at the thumbnail width and keeps it under the PDF\'s hash', async () => {
    const pdf = join(dir, 'brief.pdf');
    copyFileSync('test/fixtures/pdf/producers/chromium.pdf', pdf);
    const sha = await hashFile(pdf);
    const drawn = await thumbnailOf(pdf, sha);
    expect(drawn?.width).toBe(THUMBNAIL_WIDTH);
    expect(drawn!.height).toBeGreaterThan(THUMBNAIL_WIDTH); // a portrait page
    expect(pngSize(drawn!.png)).toEqual({ width: drawn!.width, height: drawn!.height });
    const kept = readdirSync(thumbnailCacheDir());
    expect(kept).toHaveLength(1);
    expect(kept[0]!.startsWith(`${sha}-${THUMBNAIL_WIDTH}-`)).toBe(true);

    // The PDF is gone: the same hash still gives the same picture, so pdftoppm did not run again.
    rmSync(pdf);
    const again = await thumbnailOf(pdf, sha);
    expect(again && Buffer.compare(again.png, drawn!.png)).toBe(0);
  });

  it('gives no picture for a file pdftoppm cannot read, and keeps nothing for it', async () => {
    const bad = join(dir, 'kapot.pdf');
    copyFileSync('test/fixtures/pdf/producers/README.md', bad);
    expect(await thumbnailOf(bad, 'f'.repeat(64))).toBeUndefined();
    expect(readdirSync(thumbnailCacheDir()).some((n) => n.startsWith('f'.repeat(64)))).toBe(false);
  });

  it('lives in RIJKSPERS_CACHE, else under XDG_CACHE_HOME', () => {
    expect(thumbnailCacheDir({ RIJKSPERS_CACHE: '/c' })).toBe('/c/thumbnails');
    expect(thumbnailCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/rijkspers/thumbnails');
  });
});
