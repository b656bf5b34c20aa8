import { configDefaults, defineConfig } from 'vitest/config';

/** Unit tests that replace a module with vi.mock: in a shared module graph the mock would not apply. */
const MOCKING = ['test/cli/reports.test.ts'];

/**
 * Three projects, so each part of the suite runs the way it needs:
 *  - `unit`: readers, model, render, checkers' rules on recorded tool output and crafted PDFs, CLI
 *    (no JVM; one browser, for the check of index.html). Files share a worker's loaded modules (fonts, pdfjs, shaping
 *    caches), which would otherwise be loaded again for every file (that took ~2 s a file); every
 *    test restores what it changes (mocks, timers, TZ, environment variables).
 *  - `unit-isolated`: the unit tests that replace a module (vi.mock), each in its own module graph.
 *  - `e2e`: the tests that need the real tools and processes: one run (test/e2e/run.test.ts) that
 *    publishes and checks every letter and puts the checkers on crafted violations, with one browser
 *    and one JVM; an interrupted build.
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
          include: ['test/!(e2e)/**/*.test.ts'],
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
