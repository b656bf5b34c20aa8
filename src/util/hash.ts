import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** SHA-256 of bytes, lower-case hex: how reports name a file's content. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a file's content (rejects when it cannot be read). */
export async function hashFile(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}
