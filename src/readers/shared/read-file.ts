/**
 * Reading an input file's bytes, for every reader: only regular files (a FIFO would block for
 * ever, `/dev/zero` would fill the memory), and never more than a letter can be. A letter is a few
 * pages; even a 4,000-question annex stays under 5 MB of text.
 */
import { open, stat } from 'node:fs/promises';
import { InputError } from './diagnostics.js';

/** Larger than any letter; small enough that reading it never strains the machine. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

function fileKind(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function unreadable(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' ? 'a part of the path is not a directory' : code === 'ELOOP' ? 'too many symbolic links' : code;
  return new InputError(file, 1, 'unreadable', `cannot read the file (${reason})`);
}

export async function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  if (!info.isFile()) throw new InputError(file, 1, 'not-a-file', `cannot read the file: it is ${fileKind(info)}, not a letter`);
  if (info.size > maxBytes) {
    throw new InputError(file, 1, 'too-large', `the file is ${(info.size / 1048576).toFixed(1)} MB; a letter is never more than ${maxBytes / 1048576} MB`);
  }
  // Opened after the check, read through the same handle and bounded again: the file may grow or be
  // swapped for something else between the two steps.
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw unreadable(file, err);
  }
  try {
    const again = await handle.stat();
    if (!again.isFile()) throw new InputError(file, 1, 'not-a-file', `cannot read the file: it is ${fileKind(again)}, not a letter`);
    const buffer = Buffer.alloc(Math.min(again.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new InputError(file, 1, 'too-large', `the file is larger than ${maxBytes / 1048576} MB; a letter is never that large`);
      if (length === buffer.length) break;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw unreadable(file, err);
  } finally {
    await handle.close();
  }
}
