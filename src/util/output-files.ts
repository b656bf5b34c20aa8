/**
 * Files in the output folder appear whole, together, or not at all. Each file is first written
 * under a hidden staging name in the same folder (same extension, so a checker can open it as
 * what it is), then every staged file of a letter is renamed into place at once. A reader, a
 * crashed run or a full disk never leaves a half-written file or outputs without their report.
 *
 * What the file system refuses (a file where the folder should be, a read-only folder, a full
 * disk) is an `OutputError`: the user's to fix, reported with the path, never an internal error.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

export class OutputError extends Error {
  override name = 'OutputError';
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

const REASONS: Record<string, string> = {
  ENOTDIR: 'a file is in the way: a part of the output path is a file, not a folder',
  EEXIST: 'a file is in the way: the output folder is a file',
  EISDIR: 'a folder is in the way of an output file',
  EACCES: 'permission denied: the output folder is not writable',
  EPERM: 'permission denied: the output folder is not writable',
  EROFS: 'the output folder is on a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is too large for the file system',
  ENAMETOOLONG: 'the file name is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the file system',
};

/** The file system's refusal as an `OutputError`; anything else is passed on as it is. */
export function asOutputError(path: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in REASONS) return new OutputError(path, `cannot write (${REASONS[code]})`);
  return err;
}

export interface Staged {
  /** Where the file belongs. */
  path: string;
  /** Where it is while staged. */
  temp: string;
}

const pending = new Set<string>();

function stagingName(target: string): string {
  const ext = extname(target);
  return join(dirname(target), `.${basename(target, ext)}.${process.pid}.${randomBytes(4).toString('hex')}.staged${ext}`);
}

/** Makes the output folder; a file in its place is an `OutputError`. */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw asOutputError(dir, err);
  }
}

/** Writes `data` under a staging name next to `path`. */
export async function stage(path: string, data: Uint8Array | string): Promise<Staged> {
  await ensureFolder(dirname(path));
  const temp = stagingName(path);
  pending.add(temp);
  try {
    await writeFile(temp, data);
  } catch (err) {
    await rm(temp, { force: true });
    pending.delete(temp);
    throw asOutputError(path, err);
  }
  return { path, temp };
}

/** Removes staged files (a build that failed after staging). */
export async function discard(staged: readonly Staged[]): Promise<void> {
  await Promise.all(staged.map(async (s) => {
    await rm(s.temp, { force: true });
    pending.delete(s.temp);
  }));
}

/**
 * Renames every staged file into place. When a rename fails, the files of the set already in
 * place are removed too, so the folder never holds part of a set (outputs without their report).
 */
export async function commit(staged: readonly Staged[]): Promise<void> {
  const done: Staged[] = [];
  try {
    for (const s of staged) {
      await rename(s.temp, s.path);
      pending.delete(s.temp);
      done.push(s);
    }
  } catch (err) {
    const failed = staged[done.length];
    await Promise.all(done.map((s) => rm(s.path, { force: true })));
    await discard(staged.slice(done.length));
    throw asOutputError(failed?.path ?? '', err);
  }
}

/** Writes one file whole: staged, then renamed. */
export async function writeFileWhole(path: string, data: Uint8Array | string): Promise<void> {
  await commit([await stage(path, data)]);
}

/** Synchronous clean-up for an interrupted run (SIGINT/SIGTERM): no staged file is left behind. */
export function removePendingTempFiles(): void {
  for (const temp of pending) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // best effort: the process is exiting
    }
  }
}
