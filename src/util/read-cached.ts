/**
 * Files a run reads again for every letter (fonts, templates, stylesheets), read from disk once
 * per process. They come from the repository and node_modules, which do not change during a run.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, Buffer>();

export function readFileCached(path: string): Buffer {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    cache.set(path, bytes);
  }
  return bytes;
}
