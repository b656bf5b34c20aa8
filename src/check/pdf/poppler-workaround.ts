/**
 * poppler 22.12 (Debian bookworm) workaround for `pdfinfo -struct-text`: with a PDF/A output intent
 * in the catalog it re-reads the ICC profile and builds its colour transform for every structure
 * element whose text it extracts, which makes it some 15 times slower (a 365-page letter: about
 * 450 s of CPU instead of about 30 s). What pdfinfo checks for us — that poppler reads the structure
 * tree and the text of every element — does not involve the output intent, so pdfinfo gets a copy
 * in which the catalog key `/OutputIntents` is renamed to an unknown key of the same length: every
 * byte offset stays valid and nothing else changes. Files where the key is not found exactly once
 * in the clear (object streams, several occurrences) are handed over as they are.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../util/temp-dir.js';

const KEY = Buffer.from('/OutputIntents', 'latin1');
/** Same length as KEY, so the cross-reference table still points at the right bytes. */
const RENAMED = Buffer.from('/RPNoIntents__', 'latin1');

/** Calls `use` with the path pdfinfo should read, and removes the copy afterwards. */
export async function withoutOutputIntents<T>(file: string, use: (path: string) => Promise<T>): Promise<T> {
  const bytes = await readFile(file);
  const at = bytes.indexOf(KEY);
  // The key must be followed by a delimiter, not be part of a longer name, and occur once.
  const delimiter = at >= 0 ? bytes[at + KEY.length] : undefined;
  const isKey = delimiter !== undefined && /[\s/[<(]/.test(String.fromCharCode(delimiter));
  if (at < 0 || !isKey || bytes.indexOf(KEY, at + 1) >= 0) return use(file);
  const dir = await makeTempDir('pdfinfo');
  try {
    const copy = join(dir, basename(file));
    RENAMED.copy(bytes, at);
    await writeFile(copy, bytes);
    return await use(copy);
  } finally {
    await removeTempDir(dir);
  }
}
