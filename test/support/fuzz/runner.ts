/**
 * Runs one fuzz property with fast-check and keeps its figures.
 *
 * `make test`: a fixed seed and a few hundred cases in all. `make fuzz` sets `FUZZ_RUNS` (cases
 * over all properties, default 10,000) and `FUZZ_SEED`; a failure's shrunk case is then saved under
 * `test/fixtures/fuzz/` (`PROPERTY-seedSEED-HASH.txt`, the letter's bytes), where
 * `regressions.test.ts` runs it for good. Figures go to stdout and, as JSON lines, to `FUZZ_FIGURES`.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Profile } from './arbitraries.js';
import { caseBytes, describeCase, type FuzzCase } from './mutations.js';
import { REPO } from './samples.js';

export const FIXTURES = join(REPO, 'test/fixtures/fuzz');

/** The default seed of `make test`: fixed, so a run is repeatable (the reference letter's date). */
export const DEFAULT_SEED = 20260212;

/** Cases per property in `make test`: the parser is fast, a render (three formats) is ~100× slower. */
const QUICK_RUNS: Record<Profile, number> = { parse: 300, 'render-structure': 20, 'render-characters': 20 };

/** The long run prints a progress line every so many cases. */
const PROGRESS_EVERY = 500;

/** Shares of `FUZZ_RUNS` in the long run. */
const LONG_SHARE: Record<Profile, number> = { parse: 0.7, 'render-structure': 0.15, 'render-characters': 0.15 };

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}=${raw}: expected a whole number`);
  return n;
}

export interface FuzzConfig {
  seed: number;
  /** The long run (`FUZZ_RUNS` set). */
  long: boolean;
  total?: number;
  /** Save shrunk failures under test/fixtures/fuzz/ (the long run, or FUZZ_SAVE=1). */
  save: boolean;
  /** Run `qpdf --check` on every k-th rendered PDF (and on every case once a failure is seen). */
  qpdfEvery: number;
}

export function fuzzConfig(): FuzzConfig {
  const total = envInt('FUZZ_RUNS');
  return {
    seed: envInt('FUZZ_SEED') ?? DEFAULT_SEED,
    long: total !== undefined,
    ...(total !== undefined ? { total } : {}),
    save: total !== undefined ? process.env.FUZZ_SAVE !== '0' : process.env.FUZZ_SAVE === '1',
    qpdfEvery: Math.max(1, envInt('FUZZ_QPDF_EVERY') ?? (total !== undefined ? 5 : 4)),
  };
}

export function runsFor(profile: Profile, config = fuzzConfig()): number {
  if (config.total === undefined) return QUICK_RUNS[profile];
  const others = (Object.keys(LONG_SHARE) as Profile[]).filter((p) => p !== 'parse').map((p) => Math.round(config.total! * LONG_SHARE[p]));
  if (profile === 'parse') return Math.max(0, config.total - others.reduce((a, b) => a + b, 0));
  return Math.round(config.total * LONG_SHARE[profile]);
}

/** A test's time limit: none worth the name in the long run. */
export function testTimeout(config = fuzzConfig(), quick = 300_000): number {
  return config.long ? 2 ** 31 - 1 : quick;
}

export interface Figures {
  property: Profile;
  seed: number;
  /** Cases fast-check ran before it stopped (all of them when nothing failed). */
  runs: number;
  planned: number;
  shrinks: number;
  failed: boolean;
  seconds: number;
  /** How the cases ended before any failure: `letter`, `published`, `input-error:CODE`. */
  outcomes: Record<string, number>;
  qpdfChecks: number;
  slowestMs: number;
  slowestBytes: number;
  /** The slowest case, described (for a look at what the parser or a writer finds hard). */
  slowestCase: string;
  largestBytes: number;
  saved?: string;
  error?: string;
}

export interface CaseContext {
  /** 0-based number of this evaluation (shrinking included). */
  index: number;
  /** A case failed before: shrinking is on; run every check. */
  shrinking: boolean;
}

/** What a case ended as (`letter`, `published`, `input-error:CODE`) and whether qpdf checked it. */
export interface CaseResult {
  outcome: string;
  qpdf?: boolean;
}

export type Check = (bytes: Uint8Array, context: CaseContext) => Promise<CaseResult> | CaseResult;

export function saveFailure(property: Profile, seed: number, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, `${property}-seed${seed}-${hash}.txt`);
  writeFileSync(file, bytes);
  return file;
}

/**
 * Runs `check` on `runsFor(property)` cases of `arbitrary`. Returns the figures when every case
 * passed; throws fast-check's report (seed, path, shrunk case, error) when one did not.
 */
export async function runProperty(property: Profile, arbitrary: fc.Arbitrary<FuzzCase>, check: Check, config = fuzzConfig()): Promise<Figures> {
  const planned = runsFor(property, config);
  const outcomes: Record<string, number> = {};
  let index = 0;
  let shrinking = false;
  let slowestMs = 0;
  let slowestBytes = 0;
  let slowestCase = '';
  let largestBytes = 0;
  let qpdfChecks = 0;
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (c) => {
      const bytes = caseBytes(c);
      const t = performance.now();
      if (config.long && !shrinking && index > 0 && index % PROGRESS_EVERY === 0) {
        console.log(`fuzz ${property}: ${index}/${planned} cases, ${Math.round((t - started) / 1000)} s`);
      }
      try {
        const result = await check(bytes, { index: index++, shrinking });
        if (!shrinking) {
          outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
          if (result.qpdf) qpdfChecks++;
          const ms = performance.now() - t;
          if (ms > slowestMs) { slowestMs = ms; slowestBytes = bytes.length; slowestCase = describeCase(c); }
          largestBytes = Math.max(largestBytes, bytes.length);
        }
      } catch (err) {
        if (!shrinking && config.long) console.log(`fuzz ${property}: case ${index} fails (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); shrinking`);
        shrinking = true;
        throw err;
      }
    }),
    { seed: config.seed, numRuns: planned },
  );
  const figures: Figures = {
    property, seed: config.seed, runs: details.numRuns, planned, shrinks: details.numShrinks, failed: details.failed,
    seconds: Math.round((performance.now() - started) / 100) / 10, outcomes,
    qpdfChecks, slowestMs: Math.round(slowestMs), slowestBytes, slowestCase, largestBytes,
  };
  let message = '';
  if (details.failed) {
    const counterexample = details.counterexample?.[0];
    if (counterexample) {
      const bytes = caseBytes(counterexample);
      if (config.save) figures.saved = saveFailure(property, config.seed, bytes);
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      message = `${fc.defaultReportMessage(details)}\n\nFailure: ${error}\n\nShrunk case: ${describeCase(counterexample)} (${bytes.length} bytes)` +
        (figures.saved ? `\nSaved as ${figures.saved}: test/fuzz/regressions.test.ts now runs it.` : `\nRerun: FUZZ_SEED=${config.seed} (make fuzz saves it under test/fixtures/fuzz/).`);
    } else {
      message = fc.defaultReportMessage(details) ?? 'fast-check reported a failure without a counterexample';
    }
    figures.error = details.errorInstance instanceof Error ? details.errorInstance.message.split('\n')[0]! : String(details.errorInstance);
  }
  reportFigures(figures);
  if (details.failed) throw new Error(message);
  return figures;
}

export function formatFigures(f: Figures): string {
  const outcomes = Object.entries(f.outcomes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  return `fuzz ${f.property}: ${f.runs}/${f.planned} cases, seed ${f.seed}, ${f.seconds} s, ${f.failed ? `FAILED (${f.shrinks} shrinks)` : 'no failure'}` +
    ` · ${outcomes}${f.qpdfChecks ? ` · qpdf --check on ${f.qpdfChecks}` : ''} · slowest case ${f.slowestMs} ms (${f.slowestBytes} bytes) · largest ${f.largestBytes} bytes`;
}

function reportFigures(f: Figures): void {
  console.log(formatFigures(f));
  const file = process.env.FUZZ_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify(f)}\n`);
}
