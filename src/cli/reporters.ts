/**
 * `--reporter NAME[=FILE]`: the report of a run in another format, on standard output (at most one)
 * or in a file. `human` is the terminal lines (always printed; naming it only says "not JSON").
 */
import { writeFileWhole } from '../util/output-files.js';
import type { Report } from '../report/schema.js';

export const REPORTERS = ['human', 'json', 'sarif', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export interface ReporterSpec {
  name: ReporterName;
  /** Absent: standard output. */
  file?: string;
}

// Loaded when asked for: a run without --reporter never loads the JUnit library.
const FORMATTERS: Record<Exclude<ReporterName, 'human'>, () => Promise<(report: Report) => string>> = {
  json: async () => (await import('../report/report.js')).serialiseReport,
  sarif: async () => (await import('../report/sarif.js')).serialiseSarif,
  junit: async () => (await import('../report/junit.js')).toJunit,
};

export function parseReporters(values: readonly string[], usage: (message: string) => Error): ReporterSpec[] {
  const specs: ReporterSpec[] = [];
  for (const value of values) {
    const at = value.indexOf('=');
    const name = (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
    const file = at < 0 ? undefined : value.slice(at + 1);
    const known = REPORTERS.find((r) => r === name);
    if (!known) throw usage(`--reporter takes ${REPORTERS.join(', ')} (NAME or NAME=FILE); got "${value}"`);
    if (file === '') throw usage(`--reporter ${name}= needs a file name after the =`);
    if (known === 'human' && file !== undefined) throw usage('--reporter human prints to the terminal only');
    if (specs.some((s) => s.name === known && s.file === file)) continue;
    specs.push({ name: known, ...(file !== undefined ? { file } : {}) });
  }
  const onStdout = specs.filter((s) => s.file === undefined && s.name !== 'human');
  if (onStdout.length > 1) throw usage(`only one report can go to standard output; got ${onStdout.map((s) => s.name).join(' and ')} (write the others with NAME=FILE)`);
  return specs;
}

/** Prints or writes each machine report of the run. */
export async function writeReports(specs: readonly ReporterSpec[], report: Report): Promise<void> {
  for (const spec of specs) {
    if (spec.name === 'human') continue;
    const text = (await FORMATTERS[spec.name]())(report);
    if (spec.file === undefined) process.stdout.write(text);
    else await writeFileWhole(spec.file, text);
  }
}
