/**
 * Checkers shared by the tests of one file. vitest runs each file in its own process, so every
 * file that opens checkers starts its own Chromium and JVM: files that need real tools (the
 * `test/e2e/` ones) open them through this helper, once per file, and close them after the file's
 * last test. Call it at the top level of the file.
 */
import { afterAll } from 'vitest';
import { CheckerPool } from '../../src/pipeline/checkers.js';

export function useCheckers(): CheckerPool {
  const pool = new CheckerPool();
  afterAll(async () => {
    await pool.close();
  });
  return pool;
}
