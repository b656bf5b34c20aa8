#!/usr/bin/env node
// Runs the compiled CLI (`make all` / `npm run build` compile src/ to dist/).
import { installSignalHandlers, main } from '../dist/cli.js';

installSignalHandlers();
const code = await main(process.argv.slice(2));
// Exit explicitly: a checker's child process that is slow to close must not keep the CLI alive.
process.exit(code);
