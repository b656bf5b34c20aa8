/**
 * A small picture of a PDF's first page for index.html, rendered by poppler's `pdftoppm` (a
 * required system package). Rendered at a fixed width as PNG, which carries no date, so the same
 * PDF gives the same bytes on the same poppler. No pdftoppm, or a PDF it cannot read: no picture
 * (the report says nothing is wrong with the PDF for that; the checks do).
 */
import { execFile } from 'node:child_process';

export interface Thumbnail {
  png: Buffer;
  width: number;
  height: number;
}

/** Width in pixels (about 29 dpi for A4): enough to recognise the layout, under 20 kB a letter. With no output root, pdftoppm writes the PNG to standard output. */
export const THUMBNAIL_WIDTH = 240;

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function renderThumbnail(pdf: string, timeoutMs = 20_000): Promise<Thumbnail | undefined> {
  return new Promise((resolve) => {
    execFile(
      'pdftoppm',
      ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(THUMBNAIL_WIDTH), '-scale-to-y', '-1', pdf],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout) => {
        const size = error ? undefined : pngSize(stdout);
        resolve(size ? { png: stdout, ...size } : undefined);
      },
    );
  });
}
