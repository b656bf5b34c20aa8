/**
 * `rijkspers` from the sources, as bin/rijkspers.js runs the compiled code, for tests that need a
 * process of its own (test/support/cli.ts `spawnCli`); without progress lines, as `runCli`.
 */
import { installSignalHandlers, main } from '../../src/cli.js';
import { progressDisplay } from '../../src/cli/progress.js';

installSignalHandlers();
process.exit(await main(process.argv.slice(2), () => progressDisplay('off')));
