/**
 * Scratch directories of the checkers (browser profiles, EPUBCheck reports, unzipped EPUBs). Each
 * owner removes its own when it closes; a run stopped by Ctrl-C or a CI timeout never gets there,
 * so the signal handler removes whatever is still registered (`removeTempDirsSync`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<string>();

/** A fresh `rijkspers-NAME-XXXXXX` directory in the system temp folder (or in `parent`). */
export function makeTempDirSync(name: string, parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `rijkspers-${name}-`));
  live.add(dir);
  return dir;
}

export async function makeTempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `rijkspers-${name}-`));
  live.add(dir);
  return dir;
}

export function removeTempDirSync(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Directories made and not yet removed (the signal handler ends whatever still uses them first). */
export function liveTempDirs(): string[] {
  return [...live];
}

/** For an interrupted run (SIGINT/SIGTERM): removes every directory not removed by its owner. */
export function removeTempDirsSync(): void {
  for (const dir of live) {
    try {
      removeTempDirSync(dir);
    } catch {
      // best effort: the process is exiting
    }
  }
}
