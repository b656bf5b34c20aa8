/**
 * The end-to-end run, in one process with one browser and one JVM (./pool.ts): every letter
 * published and checked (./publish.ts), then each checker on crafted violations (./checkers.ts),
 * whose last test closes the pool. A JVM that starts and warms up EPUBCheck costs some 8 s of CPU
 * and a browser about 2 s, so the suites share them rather than each starting its own.
 */
import { afterAll } from 'vitest';
import { checkers } from './pool.js';
import './publish.js';
import './checkers.js';

// Closed already by the closing test; this one is for a run that stopped before it.
afterAll(() => checkers.close());
