/**
 * A small picture of a PDF's first page for index.html, rendered by poppler's `pdftoppm` (a
 * required system package). Rendered at a fixed width as PNG, which carries no date, so the same
 * PDF gives the same bytes on the same poppler. No pdftoppm, or a PDF it cannot read: no picture
 * (the report says nothing is wrong with the PDF for that; the checks do).
 *
 * Every build rewrites index.html with a picture of every letter in the folder, and a pdftoppm
 * run costs more than rendering a letter (≈ 80 ms of CPU against ≈ 40 ms), so pictures are kept
 * in a cache folder outside the output (`$RIJKSPERS_CACHE`, else `$XDG_CACHE_HOME/rijkspers` or
 * `~/.cache/rijkspers`), named by the PDF's SHA-256, the width and the pdftoppm that drew them:
 * a folder of unchanged letters is pictured again without running pdftoppm at all.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Limiter } from '../../util/limiter.js';

export interface Thumbnail {
  png: Buffer;
  width: number;
  height: number;
}

/** Width in pixels (about 29 dpi for A4): enough to recognise the layout, under 20 kB a letter. */
export const THUMBNAIL_WIDTH = 240;

/** Pictures kept in the cache; the oldest go first beyond this (≈ 15 kB each). */
const CACHE_LIMIT = 2_000;

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** One pdftoppm per core: a folder of fifty letters must not start fifty processes at once. */
const running = new Limiter(Math.max(1, availableParallelism()));

/** With no output root, pdftoppm writes the PNG to standard output. */
export function renderThumbnail(pdf: string, timeoutMs = 20_000): Promise<Thumbnail | undefined> {
  return running.run(() => new Promise((resolve) => {
    execFile(
      'pdftoppm',
      ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(THUMBNAIL_WIDTH), '-scale-to-y', '-1', pdf],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout) => {
        const size = error ? undefined : pngSize(stdout);
        resolve(size ? { png: stdout, ...size } : undefined);
      },
    );
  }));
}

export function thumbnailCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RIJKSPERS_CACHE) return join(env.RIJKSPERS_CACHE, 'thumbnails');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rijkspers', 'thumbnails');
}

/** The pdftoppm on the PATH, told by its size and time (a new poppler draws anew); absent: none. */
async function pdftoppmIdentity(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const s = await stat(join(dir, 'pdftoppm')).catch(() => undefined);
    if (s?.isFile()) return `${s.size.toString(36)}${Math.trunc(s.mtimeMs).toString(36)}`;
  }
  return undefined;
}

let identity: Promise<string | undefined> | undefined;

/** Oldest pictures out once the cache holds more than its limit; a cache that cannot be read is left be. */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.png'));
  if (names.length <= CACHE_LIMIT) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => a.t - b.t || (a.n < b.n ? -1 : 1));
  await Promise.all(dated.slice(0, names.length - CACHE_LIMIT).map((d) => rm(join(dir, d.n), { force: true })));
}

/**
 * The picture of `pdf`, whose SHA-256 is `sha256`: from the cache, else drawn and kept there.
 * A cache that cannot be written (a read-only home) only costs the drawing.
 */
export async function thumbnailOf(pdf: string, sha256: string): Promise<Thumbnail | undefined> {
  identity ??= pdftoppmIdentity();
  const tool = await identity;
  if (tool === undefined) return undefined;
  const dir = thumbnailCacheDir();
  const file = join(dir, `${sha256}-${THUMBNAIL_WIDTH}-${tool}.png`);
  const kept = await readFile(file).catch(() => undefined);
  const keptSize = kept ? pngSize(kept) : undefined;
  if (kept && keptSize) return { png: kept, ...keptSize };
  const drawn = await renderThumbnail(pdf);
  if (drawn) {
    try {
      await mkdir(dir, { recursive: true });
      // Whole or not at all: another build may read the picture while this one writes it.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, drawn.png);
      await rename(temp, file);
      await prune(dir);
    } catch {
      // Drawn once more next time.
    }
  }
  return drawn;
}
