/**
 * Files in `output/` are written whole or not at all: a reader (or a crashed run) never sees a
 * half-written PDF. Write to a temporary name in the same directory, then rename (atomic on POSIX).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const pending = new Set<string>();

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempName(target);
  pending.add(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    pending.delete(temp);
  }
}

/**
 * Writes several files so that either all of them appear or none: every temp file is written
 * first, and only when all succeeded are they renamed into place.
 */
export async function writeAllAtomic(files: ReadonlyArray<{ path: string; data: Uint8Array | string }>): Promise<void> {
  const temps: Array<{ temp: string; path: string }> = [];
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const temp = tempName(f.path);
      pending.add(temp);
      temps.push({ temp, path: f.path });
      await writeFile(temp, f.data);
    }
    for (const t of temps) await rename(t.temp, t.path);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t.temp, { force: true })));
    throw err;
  } finally {
    for (const t of temps) pending.delete(t.temp);
  }
}

/** Synchronous clean-up for an interrupted run (SIGINT/SIGTERM): no temp file is left behind. */
export function removePendingTempFiles(): void {
  for (const temp of pending) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // best effort: the process is exiting
    }
  }
}
