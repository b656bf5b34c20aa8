#!/usr/bin/env node
// Runs the compiled CLI (`make all`, `npm run build` or `npm pack` compile src/ to dist/).
import { setFlagsFromString } from 'node:v8';

// WebAssembly (HarfBuzz to subset fonts, WOFF2 decoding) runs a few milliseconds per letter, but its
// optimised compile made the main thread wait some 400 ms in every run; the baseline compiler alone
// does the same work at once (one letter, HTML only: 1.22 s → 0.96 s, medians of 5). Set before any
// module compiles; worker threads share the flag.
setFlagsFromString('--liftoff-only');

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (err) {
  // Before the first build there is no dist/: say what to do instead of printing a stack trace.
  const missing = err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('/dist/cli.js');
  if (!missing) throw err;
  process.stderr.write('rijkspers: the compiled program (dist/) is missing; run `make all` (or `npm ci && npm run build`) in the rijkspers folder first\n');
  process.exit(2);
}

cli.installSignalHandlers();
const code = await cli.main(process.argv.slice(2));
// Exit explicitly: a checker's child process that is slow to close must not keep the CLI alive.
process.exit(code);
