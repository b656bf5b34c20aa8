/** The size an EPUB's checkers work on: the sum of its files unzipped, read from the zip directory. */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';

/** Uncompressed bytes of every entry; the compressed size of the file when it is no readable zip. */
export async function contentBytes(path: string): Promise<number> {
  const data = await readFile(path);
  let total = 0;
  try {
    // The filter sees each entry's sizes and declines it, so nothing is inflated.
    unzipSync(data, {
      filter: (entry) => {
        total += entry.originalSize;
        return false;
      },
    });
  } catch {
    // Not a zip (EPUBCheck will say so): its own size stands in.
    return data.length;
  }
  return Math.max(total, data.length);
}
