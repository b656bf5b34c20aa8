// @ts-check
/**
 * `make bench`: where the time goes, measured side by side in one run (issue 11, "Speed").
 *
 * Jobs (each one command line, timed as a whole process, so start-up is always included):
 *   - CLI start-up (`rijkspers --version`);
 *   - one letter (the reference letter), cold process, per format and all three, no checks —
 *     next to WeasyPrint `--pdf-variant pdf/ua-1` and pandoc (HTML, EPUB) on a Markdown version
 *     of the same letter, when they are installed;
 *   - a warm batch: 50 copies of the samples, one command, no checks (letters/s);
 *   - a checked batch: the 3 samples in input/ + the 8 unseen fixtures, every check (s/letter);
 *   - peak RSS of a batch of 100 sample-sized letters without checks;
 *   - the scale series: generated letters of 100 / 1,000 / 4,000 questions, per-format render
 *     time (`--format X --no-check`) and per-format check time (`rijkspers check FILE`), with the
 *     growth ratio time(4000)/time(1000) against the size ratio 4.
 *
 * Timing: hyperfine when it is on the PATH, else a plain Node timer (median/min/max of N spawns).
 * Every job first runs once under the Node timer: that run is the warm-up (file cache, JIT
 * caches), it tells how slow the job is (the number of measured runs is chosen to fit the job's
 * time budget), and when it already takes longer than the budget, or fails, or times out, it is
 * the measurement itself. Every command has a time limit (BENCH_TIMEOUT, default 600 s): a
 * timeout or a failure is recorded in its row and the bench goes on.
 *
 * Environment:
 *   BENCH_QUICK=1          skip the checked batch and the checks of the 4,000-question letter
 *   BENCH_TIMEOUT=S        per-command time limit in seconds (default 600)
 *   BENCH_NO_HYPERFINE=1   use the Node timer even when hyperfine is installed
 *   BENCH_LABEL=TEXT       a label for this run in bench/RESULTS.md (e.g. "before")
 *   BENCH_RESULTS=PATH     where to write the results (default bench/RESULTS.md; "-" for none)
 *   BENCH_KEEP=1           keep the temporary directory (inputs and outputs) for inspection
 *   BENCH_SIZES=A,B,C      the scale series' sizes (default 100,1000,4000; smaller ones to try the script)
 *
 * Inputs (batches, generated letters, the Markdown for the peers) are made in a temporary
 * directory at bench time and removed afterwards; nothing generated is committed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLetter } from './generate-letter.mjs';
import { letterToMarkdown } from './to-markdown.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const QUICK = process.env.BENCH_QUICK === '1';
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? '600');
const RESULTS = process.env.BENCH_RESULTS ?? join(ROOT, 'bench', 'RESULTS.md');
const CLI = join(ROOT, 'bin', 'rijkspers.js');
const REFERENCE = join(ROOT, 'input', '000_4c8a1616a76a7555.txt');
const SCALE_SIZES = (process.env.BENCH_SIZES ?? '100,1000,4000').split(',').map(Number);
if (SCALE_SIZES.length !== 3 || !SCALE_SIZES.every((n) => Number.isInteger(n) && n > 0)) throw new Error('BENCH_SIZES takes three sizes, e.g. 100,1000,4000');
const [S0, S1, S2] = /** @type {[number, number, number]} */ (SCALE_SIZES);
const num = (/** @type {number} */ n) => n.toLocaleString('en');
const started = Date.now();
const loadAtStart = loadavg();

// ------------------------------------------------------------------------------------- helpers

/** @param {string} cmd */
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || undefined;

/** First line of a command's output (stdout or stderr), or undefined when it does not run. @param {string} file @param {string[]} args */
function versionOf(file, args) {
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error) return undefined;
  return `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim()).find((l) => l !== '');
}

/** @param {string} s */
const shellQuote = (s) => (/^[\w@%+=:,./-]+$/u.test(s) ? s : `'${s.replace(/'/gu, `'\\''`)}'`);

/** @param {number} s seconds */
function fmtTime(s) {
  if (!Number.isFinite(s)) return '—';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 100) return `${s.toFixed(2)} s`;
  return `${s.toFixed(0)} s`;
}

/** @param {number} x */
const fmtRatio = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×` : '—');

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? /** @type {number} */ (s[m]) : (/** @type {number} */ (s[m - 1]) + /** @type {number} */ (s[m])) / 2;
}

/** Children's CPU time (user, system) in seconds so far, from /proc/self/stat (Linux). */
function childCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime) are at 13 and 14 after the command name.
    return { user: Number(fields[13]) / 100, system: Number(fields[14]) / 100 };
  } catch {
    return { user: NaN, system: NaN };
  }
}

const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);

// ------------------------------------------------------------------------------------- timing

/**
 * @typedef {object} Command
 * @property {string} file
 * @property {string[]} args
 *
 * @typedef {object} Measurement
 * @property {string} id
 * @property {string} label
 * @property {string} command          the command line, for the details table
 * @property {'ok' | 'failed' | 'timeout' | 'skipped' | 'not installed'} status
 * @property {string} [note]           e.g. "exit 1" or why it was skipped
 * @property {number} median           seconds, wall clock
 * @property {number} min
 * @property {number} max
 * @property {number} user             seconds of user CPU per run (mean), the process and its children
 * @property {number} system
 * @property {number} runs
 * @property {string} timer            "hyperfine" or "node"
 * @property {number[]} exitCodes
 */

const HYPERFINE = process.env.BENCH_NO_HYPERFINE === '1' ? undefined : onPath('hyperfine');
/** @type {Measurement[]} */
const measurements = [];

/** Live processes as pid → { ppid, start } (start time in clock ticks, against pid reuse), from /proc. */
function processTable() {
  /** @type {Map<number, { ppid: number, start: string }>} */
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { ppid: Number(f[1]), start: f[19] ?? '' });
    } catch { /* gone meanwhile */ }
  }
  return table;
}

/** The process `root` and all its descendants, with their start times. @param {number} root */
function processTree(root) {
  const table = processTable();
  /** @type {Map<number, string>} */
  const tree = new Map();
  const rootInfo = table.get(root);
  if (!rootInfo) return tree;
  tree.set(root, rootInfo.start);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, info] of table) {
      if (!tree.has(pid) && tree.has(info.ppid)) { tree.set(pid, info.start); grew = true; }
    }
  }
  return tree;
}

/** Sends `signal` to the processes of `tree` that are still the same processes. @param {Map<number, string>} tree @param {NodeJS.Signals} signal */
function signalTree(tree, signal) {
  const now = processTable();
  for (const [pid, start] of tree) {
    if (now.get(pid)?.start !== start) continue;
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
}

/**
 * One spawn under the Node timer, with the time limit. On timeout the command gets SIGTERM (the
 * CLI then removes its temp files and children), and 10 s later SIGKILL for it and every process
 * it started, including browsers in their own process group: a CLI busy in synchronous code does
 * not run its signal handler, and a stray Chromium or JVM would skew every later measurement.
 * @param {Command} cmd
 * @param {number} timeoutS
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ wall: number, user: number, system: number, timedOut: boolean, code: number, stdout: string, stderr: string, error?: Error }>}
 */
function timeOnce(cmd, timeoutS, env = {}) {
  return new Promise((resolve) => {
    const before = childCpu();
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd.file, cmd.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (/** @type {string} */ d) => { stdout = (stdout + d).slice(-64 * 1024); });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (/** @type {string} */ d) => { stderr = (stderr + d).slice(-64 * 1024); });
    let timedOut = false;
    /** @type {Map<number, string>} */
    let tree = new Map();
    /** @type {NodeJS.Timeout | undefined} */
    let killer;
    const timer = setTimeout(() => {
      timedOut = true;
      tree = child.pid ? processTree(child.pid) : tree;
      child.kill('SIGTERM');
      killer = setTimeout(() => {
        if (child.pid) for (const [pid, start] of processTree(child.pid)) tree.set(pid, start);
        signalTree(tree, 'SIGKILL');
      }, 10_000);
    }, timeoutS * 1000);
    /** @param {number} code @param {Error} [error] */
    const done = (code, error) => {
      clearTimeout(timer);
      clearTimeout(killer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      // Whatever outlived the command after a timeout (a browser, a JVM) goes too.
      if (timedOut) signalTree(tree, 'SIGKILL');
      const after = childCpu();
      resolve({ wall, user: after.user - before.user, system: after.system - before.system, timedOut, code, stdout, stderr, ...(error ? { error } : {}) });
    };
    child.on('error', (err) => done(-1, err));
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : -1)));
  });
}

/**
 * Measures a command: a probe run (also the warm-up), then as many runs as fit `budget` seconds
 * (between minRuns and maxRuns), under hyperfine when installed.
 * @param {string} id
 * @param {string} label
 * @param {Command} cmd
 * @param {{ budget?: number, minRuns?: number, maxRuns?: number, timeout?: number, okCodes?: number[] }} [opts]
 * @returns {Promise<Measurement>}
 */
async function measure(id, label, cmd, opts = {}) {
  const { budget = 20, minRuns = 1, maxRuns = 10, timeout = TIMEOUT_S, okCodes = [0] } = opts;
  const commandLine = [cmd.file === process.execPath ? 'node' : cmd.file, ...cmd.args]
    .map((a) => shellQuote(a.startsWith(`${ROOT}/`) ? relative(ROOT, a) : a)).join(' ');
  process.stderr.write(`bench: ${label} … `);
  const probe = await timeOnce(cmd, timeout);
  /** @type {Measurement} */
  const m = {
    id, label, command: commandLine, status: 'ok', median: probe.wall, min: probe.wall, max: probe.wall,
    user: probe.user, system: probe.system, runs: 1, timer: 'node', exitCodes: [probe.code],
  };
  if (probe.timedOut) {
    Object.assign(m, { status: 'timeout', note: `timeout after ${timeout} s`, median: NaN, min: NaN, max: NaN });
  } else if (probe.error) {
    Object.assign(m, { status: 'failed', note: `cannot run: ${probe.error.message}`, median: NaN, min: NaN, max: NaN });
  } else if (!okCodes.includes(probe.code)) {
    const last = probe.stderr.trim().split('\n').slice(-1)[0] ?? '';
    Object.assign(m, { status: 'failed', note: `exit ${probe.code}${last ? `: ${last.slice(0, 160)}` : ''}` });
  } else {
    if (probe.code !== 0) {
      // An accepted non-zero exit (1: a check found violations): say which, e.g. a checker's own time-out.
      const detail = probe.stdout.split('\n').find((l) => /^\s{4,}\S/u.test(l))?.trim() ?? probe.stderr.trim().split('\n').slice(-1)[0] ?? '';
      m.note = `exit ${probe.code}${detail ? `: ${detail.slice(0, 160)}` : ''}`;
    }
    const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor(budget / Math.max(probe.wall, 0.001))));
    if (runs > 1) {
      if (HYPERFINE) {
        const json = join(WORK, `hyperfine-${id}.json`);
        const shell = `timeout -k 10 ${timeout} ${[cmd.file, ...cmd.args].map(shellQuote).join(' ')}`;
        const r = spawnSync(HYPERFINE, ['--runs', String(runs), '--ignore-failure', '--style', 'none', '--export-json', json, shell], {
          cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
        });
        // hyperfine's own warnings (e.g. "the first run was slower") are noise here; its errors are not.
        if (r.status !== 0) process.stderr.write(r.stderr);
        if (r.status === 0 && existsSync(json)) {
          const res = JSON.parse(readFileSync(json, 'utf8')).results[0];
          const codes = /** @type {number[]} */ (res.exit_codes ?? []);
          Object.assign(m, {
            median: res.median, min: res.min, max: res.max, user: res.user, system: res.system, runs: res.times.length,
            timer: 'hyperfine', exitCodes: codes,
          });
          if (codes.some((c) => c === 124 || c === 137)) Object.assign(m, { status: 'timeout', note: `timeout after ${timeout} s in a run` });
          else if (codes.some((c) => !okCodes.includes(c))) Object.assign(m, { status: 'failed', note: `exit ${codes.find((c) => !okCodes.includes(c))} in a run` });
        } else {
          log(`bench: hyperfine failed (exit ${r.status}); falling back to the Node timer`);
        }
      }
      if (m.timer === 'node') {
        const results = [];
        for (let i = 0; i < runs; i++) results.push(await timeOnce(cmd, timeout));
        const walls = results.map((r) => r.wall);
        Object.assign(m, {
          median: median(walls), min: Math.min(...walls), max: Math.max(...walls), runs,
          user: results.reduce((s, r) => s + r.user, 0) / runs, system: results.reduce((s, r) => s + r.system, 0) / runs,
          exitCodes: results.map((r) => r.code),
        });
        const bad = results.find((r) => r.timedOut || !okCodes.includes(r.code));
        if (bad) Object.assign(m, bad.timedOut ? { status: 'timeout', note: `timeout after ${timeout} s in a run` } : { status: 'failed', note: `exit ${bad.code} in a run` });
      }
    }
  }
  log(m.status === 'ok' ? `${fmtTime(m.median)} (${m.runs} run${m.runs > 1 ? 's' : ''}, ${m.timer})` : `${m.status}${m.note ? ` (${m.note})` : ''}`);
  measurements.push(m);
  return m;
}

/** A row for a tool that is not installed or a job that was skipped. @param {string} id @param {string} label @param {'skipped' | 'not installed'} status @param {string} [note] */
function absent(id, label, status, note) {
  /** @type {Measurement} */
  const m = { id, label, command: '', status, median: NaN, min: NaN, max: NaN, user: NaN, system: NaN, runs: 0, timer: '', exitCodes: [], ...(note ? { note } : {}) };
  log(`bench: ${label} … ${status}${note ? ` (${note})` : ''}`);
  measurements.push(m);
  return m;
}

/** The measured value, or the status when there is none. @param {Measurement} m */
const shown = (m) => (m.status === 'ok' ? `${fmtTime(m.median)}${m.exitCodes.some((c) => c !== 0) ? ` (exit ${m.exitCodes.find((c) => c !== 0)})` : ''}`
  : m.status === 'failed' && Number.isFinite(m.median) ? `${fmtTime(m.median)} (failed: ${m.note?.split(':')[0]})`
    : m.status === 'failed' ? `failed (${m.note?.split(':')[0]})`
      : m.status === 'timeout' ? `timeout (> ${TIMEOUT_S} s)` : m.status);
/** A time that can be used for ratios: ok, or failed with a time (violations still did the work). @param {Measurement} m */
const usable = (m) => (Number.isFinite(m.median) && m.status !== 'timeout' ? m.median : NaN);

const rijkspers = (/** @type {string[]} */ ...args) => ({ file: process.execPath, args: [CLI, ...args] });

// ------------------------------------------------------------------------------------- set-up

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  log('bench: dist/ is missing: run `make all` (or `make bench`, which builds first)');
  process.exit(2);
}
const WORK = mkdtempSync(join(tmpdir(), 'rijkspers-bench-'));
const samples = readdirSync(join(ROOT, 'input')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(ROOT, 'input', f));
const unseenDir = join(ROOT, 'test', 'fixtures', 'letters', 'unseen');
const unseen = existsSync(unseenDir) ? readdirSync(unseenDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(unseenDir, f)) : [];

/** Copies of the samples under other names. @param {string} dir @param {number} n */
function copies(dir, n) {
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (let i = 0; i < n; i++) {
    const src = /** @type {string} */ (samples[i % samples.length]);
    const dst = join(dir, `b${String(i + 1).padStart(3, '0')}-${basename(src)}`);
    copyFileSync(src, dst);
    out.push(dst);
  }
  return out;
}
const batch50 = copies(join(WORK, 'batch50'), 50);
const batch100 = copies(join(WORK, 'batch100'), 100);

mkdirSync(join(WORK, 'scale'));
/** @type {Record<number, string>} */
const scaleLetters = {};
for (const n of SCALE_SIZES) scaleLetters[n] = await writeLetter(join(WORK, 'scale', `q${n}.txt`), { questions: n, seed: 11 });

// The peers' letter: test/fixtures/docx/reference.md when another helper made one, else converted here.
const sharedMd = join(ROOT, 'test', 'fixtures', 'docx', 'reference.md');
const referenceMd = join(WORK, 'reference.md');
let referenceMdSource;
if (existsSync(sharedMd)) {
  copyFileSync(sharedMd, referenceMd);
  referenceMdSource = 'test/fixtures/docx/reference.md';
} else {
  writeFileSync(referenceMd, letterToMarkdown(readFileSync(REFERENCE, 'utf8')));
  referenceMdSource = 'converted from input/000_4c8a1616a76a7555.txt by bench/to-markdown.mjs';
}

const WEASYPRINT = onPath('weasyprint');
const PANDOC = onPath('pandoc');
const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident') ? '/usr/bin/time' : undefined;
let weasyVariant = 'pdf/ua-1';
if (WEASYPRINT) {
  const help = spawnSync(WEASYPRINT, ['--help'], { encoding: 'utf8' }).stdout;
  if (!help.includes('pdf/ua-1')) {
    // Older WeasyPrint: no PDF/UA; the closest is PDF/A-3b (tagged since 53), else plain PDF.
    weasyVariant = help.includes('pdf/a-3b') ? 'pdf/a-3b' : '';
  }
}

const out = (/** @type {string} */ name) => { const d = join(WORK, name); mkdirSync(d, { recursive: true }); return d; };

// ------------------------------------------------------------------------------------- jobs

log(`bench: timing with ${HYPERFINE ? `hyperfine (${HYPERFINE})` : 'the Node timer'}; work directory ${WORK}${QUICK ? '; BENCH_QUICK=1' : ''}`);
if ((loadAtStart[0] ?? 0) > 1) log(`bench: note: load average ${loadAtStart[0]?.toFixed(2)} on ${cpus().length} CPUs — other work competes for the CPU and inflates wall times`);

const startup = await measure('startup', 'CLI start-up (rijkspers --version)', rijkspers('--version'), { budget: 5, minRuns: 5, maxRuns: 20 });

/** @type {Record<string, Measurement>} */
const single = {};
for (const format of ['html', 'pdf', 'epub']) {
  single[format] = await measure(`one-${format}`, `one letter, ${format.toUpperCase()} only, cold, no checks`,
    rijkspers('build', REFERENCE, '--out', out(`one-${format}`), '--format', format, '--no-check'), { budget: 12, minRuns: 3 });
}
single.all = await measure('one-all', 'one letter, all three formats, cold, no checks',
  rijkspers('build', REFERENCE, '--out', out('one-all'), '--no-check'), { budget: 25, minRuns: 5 });

// Peers on the same letter.
let weasyInput = '';
let weasyInputNote = '';
if (PANDOC) {
  weasyInput = join(WORK, 'reference.pandoc.html');
  spawnSync(PANDOC, [referenceMd, '--standalone', '-o', weasyInput]);
  weasyInputNote = "pandoc's standalone HTML of the Markdown letter";
} else {
  weasyInput = join(out('one-all'), '000_4c8a1616a76a7555.html');
  weasyInputNote = "rijkspers' own HTML of the letter (pandoc not installed)";
}
const variantArgs = weasyVariant ? ['--pdf-variant', weasyVariant] : [];
const peerWeasy = WEASYPRINT
  ? await measure('peer-weasyprint', `WeasyPrint ${weasyVariant || '(plain PDF)'}, ${PANDOC ? 'pandoc HTML' : 'rijkspers HTML'} → PDF`,
    { file: WEASYPRINT, args: ['--quiet', ...variantArgs, weasyInput, join(out('peers'), 'weasyprint.pdf')] }, { budget: 25, minRuns: 5 })
  : absent('peer-weasyprint', 'WeasyPrint → PDF', 'not installed');
const peerWeasyOwn = WEASYPRINT
  ? await measure('peer-weasyprint-own', `WeasyPrint ${weasyVariant || '(plain PDF)'}, rijkspers' HTML (fonts inline) → PDF (for information)`,
    { file: WEASYPRINT, args: ['--quiet', ...variantArgs, join(out('one-all'), '000_4c8a1616a76a7555.html'), join(out('peers'), 'weasyprint-own.pdf')] }, { budget: 10, minRuns: 3 })
  : absent('peer-weasyprint-own', "WeasyPrint, rijkspers' HTML → PDF", 'not installed');
const peerPandocHtml = PANDOC
  ? await measure('peer-pandoc-html', 'pandoc Markdown → standalone HTML', { file: PANDOC, args: [referenceMd, '--standalone', '-o', join(out('peers'), 'pandoc.html')] }, { budget: 10, minRuns: 3 })
  : absent('peer-pandoc-html', 'pandoc → HTML', 'not installed');
const peerPandocEpub = PANDOC
  ? await measure('peer-pandoc-epub', 'pandoc Markdown → EPUB 3', { file: PANDOC, args: [referenceMd, '-o', join(out('peers'), 'pandoc.epub')] }, { budget: 10, minRuns: 3 })
  : absent('peer-pandoc-epub', 'pandoc → EPUB', 'not installed');

const warm50 = await measure('batch50', 'batch of 50 sample copies, one command, all formats, no checks',
  rijkspers('build', ...batch50, '--out', out('batch50'), '--no-check'), { budget: 40, minRuns: 2, maxRuns: 5 });

const fixtures = [...samples, ...unseen];
// Exit 1 (a check found violations) still did all the work: its time counts, the row says so.
const checked = QUICK
  ? absent('checked', `checked batch: ${fixtures.length} fixtures, every check`, 'skipped', 'BENCH_QUICK=1')
  : await measure('checked', `checked batch: ${samples.length} samples + ${unseen.length} unseen, all formats, every check`,
    rijkspers('build', ...fixtures, '--out', out('checked')), { budget: 0, minRuns: 1, maxRuns: 1, okCodes: [0, 1] });

/**
 * Ctrl-C and SIGTERM during a checked build: from the signal to the CLI's exit, with Chromium and
 * the JVM running (issue 7: within 2 s). Measured here rather than asserted in
 * test/e2e/interrupt.test.ts, which checks what the exit leaves behind: on a busy machine a
 * timing assertion fails for reasons that are not ours.
 * @param {NodeJS.Signals} signal
 * @param {number} delayMs after both tools run
 * @returns {Promise<{ ms: number, code: number | null, status: string }>}
 */
async function interruptOnce(signal, delayMs) {
  const dir = out(`interrupt-${signal}`);
  const child = spawn(process.execPath, [CLI, 'build', ...fixtures.slice(0, 5), '--format', 'html,epub', '--out', dir], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const commandOf = (/** @type {number} */ pid) => { try { return readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; } };
  const started = Date.now();
  let both = false;
  while (!both && child.exitCode === null && Date.now() - started < 60_000) {
    const names = new Set([...processTree(/** @type {number} */ (child.pid)).keys()].map(commandOf));
    both = names.has('chromium') && names.has('java');
    if (!both) await new Promise((r) => setTimeout(r, 50));
  }
  if (!both) {
    child.kill('SIGKILL');
    await exited;
    return { ms: NaN, code: null, status: 'the tools never ran together' };
  }
  await new Promise((r) => setTimeout(r, delayMs));
  const t0 = process.hrtime.bigint();
  child.kill(signal);
  const code = /** @type {number | null} */ (await exited);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, code, status: 'ok' };
}
/** @type {Array<{ signal: NodeJS.Signals, when: string, ms: number, code: number | null, status: string }>} */
const interrupts = [];
for (const [signal, when, delayMs] of /** @type {const} */ ([['SIGINT', 'as the checkers start', 0], ['SIGTERM', 'in the middle of the checks', 2500]])) {
  process.stderr.write(`bench: ${signal} ${when} … `);
  const r = await interruptOnce(signal, delayMs);
  interrupts.push({ signal, when, ...r });
  log(`${Number.isFinite(r.ms) ? `exit ${r.code} after ${(r.ms / 1000).toFixed(2)} s` : r.status}`);
}

// Peak RSS of a 100-letter batch without checks.
/** @type {{ kb: number, how: string, wall: number, status: string }} */
let memory;
{
  const dir = out('batch100');
  const args = [CLI, 'build', ...batch100, '--out', dir, '--no-check'];
  process.stderr.write('bench: peak RSS, batch of 100 sample copies, no checks … ');
  const status = (/** @type {{ timedOut: boolean, code: number }} */ r) => (r.timedOut ? `timeout after ${TIMEOUT_S} s` : r.code === 0 ? 'ok' : `failed (exit ${r.code})`);
  if (GNU_TIME) {
    const r = await timeOnce({ file: GNU_TIME, args: ['-v', process.execPath, ...args] }, TIMEOUT_S);
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/u.exec(r.stderr)?.[1] ?? NaN);
    memory = { kb, how: 'GNU time -v, "Maximum resident set size"', wall: r.wall, status: status(r) };
  } else {
    const file = join(WORK, 'maxrss.txt');
    const r = await timeOnce({ file: process.execPath, args: [join(ROOT, 'bench', 'maxrss.mjs'), ...args.slice(1)] }, TIMEOUT_S, { BENCH_MAXRSS_FILE: file });
    const kb = existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN;
    memory = { kb, how: "Node's process.resourceUsage().maxRSS of the CLI process (bench/maxrss.mjs)", wall: r.wall, status: status(r) };
  }
  log(`${Number.isFinite(memory.kb) ? `${(memory.kb / 1024).toFixed(0)} MB` : 'unknown'} (${memory.status}, ${fmtTime(memory.wall)})`);
}

// Scale series: render per format, then check per format (the files the render runs wrote).
/** @type {Record<string, Record<number, Measurement>>} */
const scale = { 'render pdf': {}, 'render epub': {}, 'render html': {}, 'check pdf': {}, 'check epub': {}, 'check html': {} };
const renderBudget = /** @type {Record<number, number>} */ ({ [S0]: 12, [S1]: 12, [S2]: 0 });
for (const n of SCALE_SIZES) {
  for (const format of ['pdf', 'epub', 'html']) {
    /** @type {NonNullable<typeof scale['x']>} */ (scale[`render ${format}`])[n] = await measure(`render-${format}-${n}`, `${n} questions: render ${format.toUpperCase()} (--format ${format} --no-check)`,
      rijkspers('build', /** @type {string} */ (scaleLetters[n]), '--out', out(`scale-render-${format}`), '--format', format, '--no-check'),
      { budget: renderBudget[n] ?? 0, minRuns: 1, maxRuns: 5 });
  }
}
for (const n of SCALE_SIZES) {
  const skip = QUICK && n === S2;
  for (const format of ['pdf', 'epub', 'html']) {
    const file = join(WORK, `scale-render-${format}`, `q${n}.${format}`);
    const id = `check-${format}-${n}`;
    const label = `${n} questions: check ${format.toUpperCase()} (rijkspers check)`;
    /** @type {NonNullable<typeof scale['x']>} */ (scale[`check ${format}`])[n] = skip ? absent(id, label, 'skipped', 'BENCH_QUICK=1')
      : !existsSync(file) ? absent(id, label, 'skipped', 'the render failed')
        : await measure(id, label, rijkspers('check', file), { budget: 0, minRuns: 1, maxRuns: 1, okCodes: [0, 1] });
  }
}

// ------------------------------------------------------------------------------------- report

/**
 * @typedef {object} Row
 * @property {string} job
 * @property {string} rijkspers
 * @property {string} peer
 * @property {string} goal
 * @property {string} ratio
 * @property {string} met
 */
/** @type {Row[]} */
const rows = [];
const yes = (/** @type {boolean} */ b) => (b ? 'yes' : '**no**');
/** The ratio of CPU times (user+sys) of two measurements, as a suffix. @param {Measurement} a @param {Measurement} b */
const cpuRatio = (a, b) => {
  const r = (a.user + a.system) / (b.user + b.system);
  return Number.isFinite(r) && a.status === 'ok' && b.status === 'ok' ? ` (CPU ratio ${fmtRatio(r)})` : '';
};
const peerCell = (/** @type {Measurement} */ m, /** @type {string} */ name) => (m.status === 'not installed' ? `${name}: not installed` : `${name}: ${shown(m)}`);

rows.push({ job: 'CLI start-up (`rijkspers --version`)', rijkspers: shown(startup), peer: '—', goal: '(visible, no goal)', ratio: `${fmtRatio(usable(startup) / usable(single.all ?? startup))} of one-letter build`, met: '—' });
for (const [format, peer, name] of /** @type {const} */ ([['html', peerPandocHtml, 'pandoc'], ['pdf', peerWeasy, `WeasyPrint ${weasyVariant}`], ['epub', peerPandocEpub, 'pandoc']])) {
  const m = /** @type {Measurement} */ (single[format]);
  rows.push({
    job: `One letter, ${format.toUpperCase()} only, cold, no checks`, rijkspers: shown(m), peer: peerCell(peer, name),
    goal: '(for information)', ratio: `${fmtRatio(usable(m) / usable(peer))} of ${name.split(' ')[0]}${cpuRatio(m, peer)}`, met: '—',
  });
}
{
  const m = /** @type {Measurement} */ (single.all);
  const r = usable(m) / usable(peerWeasy);
  rows.push({
    job: '**One letter, all three formats, cold, no checks**', rijkspers: shown(m), peer: peerCell(peerWeasy, `WeasyPrint ${weasyVariant} (PDF only)`),
    goal: '≤ 0.5× WeasyPrint', ratio: `${fmtRatio(r)} of WeasyPrint${cpuRatio(m, peerWeasy)}`, met: Number.isFinite(r) ? yes(r <= 0.5) : '—',
  });
}
{
  const rate = batch50.length / usable(warm50);
  rows.push({
    job: `**Batch without checks**: ${batch50.length} sample copies, one command`, rijkspers: Number.isFinite(rate) ? `${shown(warm50)} → ${rate.toFixed(1)} letters/s` : shown(warm50), peer: '—',
    goal: '≥ 50 letters/s', ratio: `${fmtRatio(rate / 50)} of goal`, met: Number.isFinite(rate) ? yes(rate >= 50) : '—',
  });
}
{
  const per = usable(checked) / fixtures.length;
  rows.push({
    job: `**Batch with every check**: ${fixtures.length} fixtures (${samples.length} samples + ${unseen.length} unseen)`,
    rijkspers: Number.isFinite(per) ? `${shown(checked)} → ${per.toFixed(2)} s/letter` : shown(checked), peer: '—',
    goal: '≤ 1.5 s/letter', ratio: `${fmtRatio(per / 1.5)} of goal`, met: Number.isFinite(per) ? yes(per <= 1.5) : '—',
  });
}
{
  const mb = memory.kb / 1024;
  rows.push({
    job: '**Memory**: peak RSS, batch of 100 sample copies, no checks', rijkspers: `${Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : '—'}${memory.status === 'ok' ? '' : ` (${memory.status})`}`, peer: '—',
    goal: '≤ 300 MB', ratio: `${fmtRatio(mb / 300)} of goal`, met: Number.isFinite(mb) ? yes(mb <= 300) : '—',
  });
}
for (const r of interrupts) {
  const expected = r.signal === 'SIGINT' ? 130 : 143;
  rows.push({
    job: `**Interrupted checked build**: ${r.signal} ${r.when} → exit ${expected}`,
    rijkspers: Number.isFinite(r.ms) ? `exit ${r.code} after ${(r.ms / 1000).toFixed(2)} s` : r.status, peer: '—',
    goal: '≤ 2 s', ratio: Number.isFinite(r.ms) ? `${fmtRatio(r.ms / 2000)} of goal` : '—',
    met: Number.isFinite(r.ms) ? yes(r.ms <= 2000 && r.code === expected) : '—',
  });
}
/** Why a scale measurement gives no reliable figure (a timeout, a failure, or a check that ended in
 * exit 1: in the scale series that is a checker's own time-out, not a finding), or undefined. @param {Measurement | undefined} m */
const unreliable = (m) => (!m ? 'missing' : m.status !== 'ok' ? m.status : m.exitCodes.some((c) => c !== 0) ? `exit ${m.exitCodes.find((c) => c !== 0)}` : undefined);
/** @param {Record<number, Measurement>} series */
const growth = (series) => (unreliable(series[S1]) || unreliable(series[S2]) ? NaN
  : usable(/** @type {Measurement} */ (series[S2])) / usable(/** @type {Measurement} */ (series[S1])));
for (const stage of ['render', 'check']) {
  const all = ['pdf', 'epub', 'html'].map((f) => ({ f, series: /** @type {Record<number, Measurement>} */ (scale[`${stage} ${f}`]) }));
  const worst = all.filter((w) => w.series[S2]?.status !== 'skipped').map((w) => ({ f: w.f, g: growth(w.series), s: w.series[S2], series: w.series }));
  const known = worst.filter((w) => Number.isFinite(w.g)).sort((a, b) => b.g - a.g);
  // A timeout or failure at the largest size is no figure, and no pass either.
  const failed = worst.filter((w) => !Number.isFinite(w.g)).map((w) => `${w.f} (${unreliable(w.s) ?? unreliable(w.series[S1]) ?? '—'})`);
  if (worst.length === 0) {
    rows.push({ job: `**Linear cost**, ${stage}: growth ${num(S1)} → ${num(S2)} questions`, rijkspers: `skipped (BENCH_QUICK=1)`, peer: '—', goal: `≈ ${S2 / S1}× (size ×${S2 / S1})`, ratio: '—', met: '—' });
    continue;
  }
  const top = known[0];
  rows.push({
    job: `**Linear cost**, ${stage}: worst growth ${num(S1)} → ${num(S2)} questions`,
    rijkspers: `${top ? `${top.g.toFixed(1)}× (${top.f})` : '—'}${failed.length ? `; no figure for ${failed.join(', ')}` : ''}`, peer: '—',
    goal: `≈ ${S2 / S1}× (size ×${S2 / S1})`, ratio: top ? `${fmtRatio(top.g / (S2 / S1))} of linear` : '—',
    met: failed.length ? '**no**' : top ? yes(top.g <= 1.25 * (S2 / S1)) : '—',
  });
}

/** @param {string[]} header @param {string[][]} body */
function table(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

const mainTable = table(['job', 'rijkspers', 'peer', 'goal', 'ratio', 'met'], rows.map((r) => [r.job, r.rijkspers, r.peer, r.goal, r.ratio, r.met]));

const scaleRows = [];
for (const stage of Object.keys(scale)) {
  const s = /** @type {Record<number, Measurement>} */ (scale[stage]);
  const [a, b, c] = SCALE_SIZES.map((n) => /** @type {Measurement} */ (s[n]));
  const g10 = usable(/** @type {Measurement} */ (b)) / usable(/** @type {Measurement} */ (a));
  const g4 = usable(/** @type {Measurement} */ (c)) / usable(/** @type {Measurement} */ (b));
  // The fixed cost (start-up, launching Chromium or a JVM) hides the growth at small sizes; the
  // marginal ratio subtracts it: (t4000 − t1000) / (t1000 − t100), linear = 3000/900 = 3.3 for the default sizes.
  const marginal = (usable(/** @type {Measurement} */ (c)) - usable(/** @type {Measurement} */ (b))) / (usable(/** @type {Measurement} */ (b)) - usable(/** @type {Measurement} */ (a)));
  const k = S2 / S1;
  const why = unreliable(b) ?? unreliable(c);
  const verdict = why === 'skipped' ? 'skipped' : why ? `no verdict (${why})` : !Number.isFinite(g4) ? '—' : g4 <= 1.25 * k ? 'linear' : g4 <= 0.6 * k * k ? 'super-linear' : '≈ quadratic';
  scaleRows.push([stage, ...[a, b, c].map((m) => shown(/** @type {Measurement} */ (m))), fmtRatio(g10), fmtRatio(g4), fmtRatio(marginal), verdict]);
}
const scaleNotes = Object.entries(scale).flatMap(([stage, series]) => SCALE_SIZES.flatMap((n) => {
  const m = series[n];
  return m?.note && m.status !== 'skipped' ? [`- ${stage}, ${num(n)} questions: ${m.note}`] : [];
}));
const scaleTable = `${table(['stage', `${num(S0)} q`, `${num(S1)} q`, `${num(S2)} q`, `${num(S1)}/${num(S0)} (size ×${S1 / S0})`, `${num(S2)}/${num(S1)} (size ×${S2 / S1})`,
  `marginal (linear ${((S2 - S1) / (S1 - S0)).toFixed(1)}×)`, 'verdict'], scaleRows)}${scaleNotes.length ? `\n\n${scaleNotes.join('\n')}` : ''}`;

const detailTable = table(['id', 'command', 'median', 'min', 'max', 'user+sys CPU', 'runs', 'timer', 'status'],
  measurements.filter((m) => m.command).map((m) => [
    m.id, `\`${m.command.replace(new RegExp(WORK.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'gu'), '$TMP')}\``.slice(0, 160),
    fmtTime(m.median), fmtTime(m.min), fmtTime(m.max), fmtTime(m.user + m.system), String(m.runs), m.timer,
    `${m.status}${m.note ? `: ${m.note.replace(/\|/gu, '/')}` : ''}`,
  ]));

log('');
process.stdout.write(`\n${mainTable}\n\n${scaleTable}\n\n`);

// ------------------------------------------------------------------------------------- RESULTS.md

const cpuModel = (() => {
  try { return /model name\s*:\s*(.*)/u.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model; } catch { return cpus()[0]?.model; }
})();
const nproc = versionOf('nproc', []) ?? String(cpus().length);
const git = versionOf('git', ['-C', ROOT, 'log', '-1', '--format=%h %s']) ?? 'unknown';
const dirty = (spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'bin', 'templates'], { encoding: 'utf8' }).stdout ?? '').trim() ? ' (with uncommitted changes in src/, bin/ or templates/)' : '';
const debian = existsSync('/etc/debian_version') ? readFileSync('/etc/debian_version', 'utf8').trim() : 'unknown';
const tools = [
  ['rijkspers', versionOf(process.execPath, [CLI, '--version'])],
  ['Node.js', process.version],
  ['hyperfine', HYPERFINE ? versionOf(HYPERFINE, ['--version']) : process.env.BENCH_NO_HYPERFINE === '1' ? 'not used (BENCH_NO_HYPERFINE=1)' : undefined],
  ['WeasyPrint', WEASYPRINT ? versionOf(WEASYPRINT, ['--version']) : undefined],
  ['pandoc', PANDOC ? versionOf(PANDOC, ['--version']) : undefined],
  ['GNU time', GNU_TIME ? versionOf(GNU_TIME, ['--version']) : undefined],
  ['Chromium', versionOf('/usr/bin/chromium', ['--version'])],
  ['Java', versionOf('java', ['-version'])],
  ['EPUBCheck', existsSync('/usr/share/java/epubcheck.jar') ? versionOf('java', ['-jar', '/usr/share/java/epubcheck.jar', '--version']) : undefined],
  ['qpdf', versionOf('qpdf', ['--version'])],
  ['pdfinfo (poppler)', versionOf('pdfinfo', ['-v'])],
  ['veraPDF', onPath('verapdf') ? 'installed' : undefined],
].map(([name, v]) => `- ${name}: ${v ?? 'not installed'}`);
const loadAtEnd = loadavg();
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const label = process.env.BENCH_LABEL ? ` — ${process.env.BENCH_LABEL}` : '';

const md = `# rijkspers benchmark${label}

Written by \`make bench\` (\`bench/run.mjs\`); rerun it to refresh this file.
Run: ${new Date().toISOString().replace(/\.\d+Z$/u, 'Z')}, ${minutes} min wall, ${QUICK ? `**BENCH_QUICK=1** (checked batch and ${num(S2)}-question checks skipped)` : 'full run'}.
Code: \`${git}\`${dirty}.

## Machine

- CPU: ${cpuModel}, \`nproc\` = ${nproc}
- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end)
- OS: Debian ${debian}, Linux ${versionOf('uname', ['-r']) ?? ''}
- Load average (1/5/15 min): ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')} at the start, ${loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} at the end${loadAtStart[0] !== undefined && loadAtStart[0] > 1 ? ' — **the machine was not idle**: wall times include waiting for the CPU; the user+sys CPU column in the details is the steadier figure' : ''}
${tools.join('\n')}

## Goals

${mainTable}

- Times are wall-clock medians of whole processes (start-up included). *ratio* is rijkspers ÷ the peer, or
  measured ÷ goal; *met* compares with the goal.
- Peers get a Markdown version of the reference letter (${referenceMdSource}); WeasyPrint reads ${weasyInputNote}.
  WeasyPrint ${WEASYPRINT ? `supports \`--pdf-variant ${weasyVariant}\`${weasyVariant === 'pdf/ua-1' ? '' : ' (pdf/ua-1 is not supported by this version: the closest variant is used)'}` : 'is not installed'}.
- The batch of 50 and the batch of 100 are copies of the ${samples.length} samples in \`input/\` under other names.
- Peak RSS: ${memory.how}; the batch of 100 took ${fmtTime(memory.wall)} (${Number.isFinite(memory.wall) ? (100 / memory.wall).toFixed(1) : '—'} letters/s, one run, measured with the RSS).
- Exit 1 (a check found violations, or a checker could not run) still does the rest of the work: such a row keeps
  its time and says "(exit 1)"; the details below say which check.
- *CPU ratio*: the same ratio from user+sys CPU time, which depends less on what else the machine is doing.

## Scale series

Generated letters (\`bench/generate-letter.mjs\`, seed 11) with ${num(S0)}, ${num(S1)} and ${num(S2)} questions. *render X* is
\`rijkspers build LETTER --format X --no-check\` (the EPUB needs the PDF's page starts, so *render epub* includes
the PDF layout); *check X* is \`rijkspers check FILE\` on the file the render runs wrote. Linear cost shows as
≈ ${S2 / S1}× from ${num(S1)} to ${num(S2)} questions (≈ ${(S2 / S1) ** 2}× would be quadratic); *verdict* says linear up to
${1.25 * (S2 / S1)}×. The fixed cost of start-up, Chromium or the JVM makes the small sizes look cheaper, which the
marginal ratio (t${S2} − t${S1}) / (t${S1} − t${S0}) removes (linear ≈ ${((S2 - S1) / (S1 - S0)).toFixed(1)}×).

${scaleTable}

## Every measured command

\`$TMP\` is the bench's temporary directory. The first run of every command is a warm-up under the Node timer;
for slow commands (longer than their budget) that single run is the measurement. *user+sys CPU* is the CPU time of
the command and the processes it waited for (hyperfine's figure, or the bench's children's times from /proc): it
does not include browsers that the CLI ends at exit without waiting for them, so for the HTML and EPUB checks it
leaves out most of Chromium's work.

${detailTable}
`;

if (RESULTS !== '-') {
  writeFileSync(RESULTS, md);
  log(`bench: wrote ${relative(process.cwd(), RESULTS) || RESULTS} (${minutes} min)`);
}
if (process.env.BENCH_KEEP === '1') log(`bench: kept ${WORK}`);
else rmSync(WORK, { recursive: true, force: true });
