import { configDefaults, defineConfig } from 'vitest/config';

/** Unit tests that replace a module with vi.mock: in a shared module graph the mock would not apply. */
const MOCKING = ['test/cli/reports.test.ts'];

/**
 * Three projects, so each part of the suite runs the way it needs:
 *  - `unit`: readers, model, render, CLI (fast: no browser or JVM of our own). Files share a
 *    worker's loaded modules (fonts, pdfjs, shaping caches), which would otherwise be loaded again
 *    for every file; every test restores what it changes (mocks, timers, TZ).
 *  - `unit-isolated`: the unit tests that replace a module (vi.mock), each in its own module graph.
 *  - `check`: the checkers' tests (test/check/, and test/check-*.test.ts until they move there),
 *    each file in its own module graph: they start browsers and JVMs.
 *  - `e2e`: one run that publishes and checks every letter, one browser and one JVM.
 * `npm run test:unit` / `test:e2e` run one project; `vitest run` runs all. CI has 2 cores: never more
 * than 2 workers. Include lists name the files (rather than exclude others), so `--exclude` on the
 * command line still applies.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/!(e2e|check)/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...MOCKING],
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          include: MOCKING,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'check',
          include: ['test/check-*.test.ts', 'test/check/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Browser- and Java-backed checks of every letter, in one beforeAll.
          testTimeout: 120_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
