/**
 * The checkers of the end-to-end run: one Chromium and one EPUBCheck JVM for every check in it.
 * vitest runs each test file in a process of its own, so the suites that need the real tools
 * (./publish.ts, ./checkers.ts) are modules of one test file, ./run.test.ts, and share this pool;
 * the last test of ./checkers.ts closes it and proves the processes are gone.
 */
import { CheckerPool } from '../../src/pipeline/checkers.js';

export const checkers = new CheckerPool();
