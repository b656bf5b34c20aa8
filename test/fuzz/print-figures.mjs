// Prints the figures of a `make fuzz` run: one row per property (JSON lines written by the runner).
import { readFileSync } from 'node:fs';

const [file, seconds] = process.argv.slice(2);
let rows = [];
try {
  rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
} catch {
  // No figures: vitest stopped before any property finished.
}
const pad = (s, n) => String(s).padEnd(n);
console.log('\nfuzz figures');
console.log(`${pad('property', 19)}${pad('cases', 13)}${pad('seconds', 9)}${pad('result', 22)}outcomes`);
for (const f of rows.sort((a, b) => a.property.localeCompare(b.property))) {
  const outcomes = Object.entries(f.outcomes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  const result = f.failed ? `FAILED (${f.shrinks} shrinks)` : 'no failure';
  console.log(`${pad(f.property, 19)}${pad(`${f.runs}/${f.planned}`, 13)}${pad(f.seconds, 9)}${pad(result, 22)}${outcomes}${f.qpdfChecks ? `; qpdf --check on ${f.qpdfChecks}` : ''}`);
  console.log(`${' '.repeat(19)}slowest case ${f.slowestMs} ms (${f.slowestBytes} bytes), largest ${f.largestBytes} bytes`);
  if (f.failed) console.log(`${' '.repeat(19)}${f.error ?? ''}${f.saved ? `\n${' '.repeat(19)}saved as ${f.saved}` : ''}`);
}
const runs = rows.reduce((a, f) => a + f.runs, 0);
const failures = rows.filter((f) => f.failed).length;
console.log(`total: ${runs} cases, ${failures} failing ${failures === 1 ? 'property' : 'properties'}, seed ${rows[0]?.seed ?? '?'}, ${seconds ?? '?'} s wall clock`);
