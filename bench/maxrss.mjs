// @ts-check
/**
 * Runs the rijkspers CLI in this process and, at exit, writes the process's peak RSS in kB
 * (`process.resourceUsage().maxRSS`) to the file named by BENCH_MAXRSS_FILE. The bench uses it
 * when GNU time (`/usr/bin/time -v`, Debian package `time`) is not installed.
 *
 *   BENCH_MAXRSS_FILE=/tmp/rss node bench/maxrss.mjs build input/*.txt --no-check
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.BENCH_MAXRSS_FILE;
  const kb = String(process.resourceUsage().maxRSS);
  if (file) writeFileSync(file, kb);
  else process.stderr.write(`maxRSS ${kb} kB\n`);
});
// bin/rijkspers.js reads process.argv.slice(2): the same arguments as when it is run directly.
await import('../bin/rijkspers.js');
