#!/usr/bin/env node
// Runs the compiled CLI (`make all`, `npm run build` or `npm pack` compile src/ to dist/).
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
