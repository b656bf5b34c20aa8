/**
 * EPUBCheck (Debian's 4.2.6 jar) for every EPUB of a run from one JVM.
 *
 * `java -jar epubcheck.jar` costs seconds per file, almost all of it JVM start-up and schema
 * loading. A tiny Java program (run from source with the JDK's single-file launcher, nothing to
 * build or commit) keeps one JVM and checks each file on request. EPUBCheck does not promise
 * thread safety (its message tables and schema caches are plain static maps), so requests are
 * queued: one check at a time in the JVM, while the rest of the pipeline works on other files.
 * When the server cannot start (a JRE without the compiler module), each file falls back to the
 * CLI. Either way the tool writes its `--json` report, which we read.
 *
 * A check that crashes the JVM, throws, or runs out of its (size-scaled) time is a tool failure,
 * never a violation; the server says which, with EPUBCheck's own error output.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir, removeTempDir } from '../../util/temp-dir.js';
import { killGroup, trackChild } from '../../util/child-processes.js';
import { Limiter } from '../../util/limiter.js';
import { TimeLimitError, timeLimitMs, withTimeLimit, type TimeScale } from '../time-limit.js';
import { toolFailure, type Finding, type FindingLocation, type ToolId, type ToolRun } from '../types.js';
import { contentBytes } from './zip-size.js';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/**
 * The server JVM compiles with C1 only and the serial collector: a letter's check is short and
 * CI has 2 cores, where C2's compiler threads cost more than they save (measured here on the 11
 * sample letters: 8 s of JVM CPU with C1 only, 15 s with the full JIT). Its checks run on threads
 * with 64 MB of stack (see the server source): on long documents EPUBCheck's RELAX NG validator
 * (Jing's `ChoicePattern.expand`) recurses deeper than Debian's `-Xss1024k` allows, and
 * EPUBCheck then prints a StackOverflowError, exits 1 and reports nothing. `-UsePerfData`: no
 * hsperfdata files in /tmp. `java.io.tmpdir` is our scratch directory.
 */
function serverJavaOptions(workDir: string): string[] {
  return ['-Xss1024k', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData', `-Djava.io.tmpdir=${workDir}`];
}

/**
 * One JVM per file (the CLI): for a big EPUB, with the full JIT, where C2 pays off (the 2.3 MB EPUB
 * of a 2,000-question letter took 102 s with C1 only, 58 s with C2); and for every file when the
 * server cannot start. The main thread gets the same 64 MB of stack as the server's check threads.
 */
function cliJavaOptions(workDir: string, big: boolean): string[] {
  return ['-Xss64m', ...(big ? [] : ['-XX:TieredStopAtLevel=1']), '-XX:+UseSerialGC', '-XX:-UsePerfData', `-Djava.io.tmpdir=${workDir}`];
}

/** Unzipped content from which an EPUB is checked in a JVM of its own. */
export const BIG_EPUB_BYTES = 1024 * 1024;

/**
 * EPUBCheck's time grows with the square of the content (Schematron id checks): measured here, a
 * letter's 150 kB EPUB takes under a second warm, a 2,000-question one (2.3 MB unzipped) about a
 * minute. The limit is generous on purpose: it only has to catch a hung tool.
 */
export const EPUBCHECK_TIME_SCALE: TimeScale = { baseMs: 60_000, perMiBMs: 30_000, perMiB2Ms: 30_000 };

/**
 * The request loop: one line `EPUB<TAB>JSON-OUT` in; one line out, `done<TAB>exit code<TAB>stderr`
 * or `failed<TAB>throwable<TAB>stderr` (tabs and line breaks in the texts escaped as spaces).
 * EPUBCheck prints its human-readable report on System.out, so the protocol gets the real stdout;
 * System.out goes to a sink and System.err to a per-request buffer, which says why a run failed.
 * Each check runs on a fresh thread with a 64 MB stack.
 */
const SERVER_SOURCE = `
import java.io.*;
import java.nio.charset.StandardCharsets;
public class RijkspersEpubCheckServer {
  static String flat(String s) {
    String t = s == null ? "" : s.replaceAll("[\\\\t\\\\r\\\\n]+", " ").trim();
    return t.length() > 2000 ? t.substring(t.length() - 2000) : t;
  }
  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    protocol.println("ready " + com.adobe.epubcheck.tool.EpubChecker.class.getPackage().getImplementationVersion());
    String line;
    while ((line = in.readLine()) != null) {
      final String[] parts = line.split("\\t", 2);
      final ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, "UTF-8"));
      final int[] rc = { -1 };
      final Throwable[] failure = { null };
      Thread worker = new Thread(null, () -> {
        try {
          rc[0] = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] { parts[0], "--json", parts[1] });
        } catch (Throwable t) {
          failure[0] = t;
        }
      }, "epubcheck", 64L * 1024 * 1024);
      worker.start();
      worker.join();
      String stderr = flat(err.toString("UTF-8"));
      if (failure[0] != null) protocol.println("failed\\t" + flat(failure[0].toString()) + "\\t" + stderr);
      else protocol.println("done\\t" + rc[0] + "\\t" + stderr);
    }
  }
}
`;

/** The parts of EPUBCheck's JSON report we read. */
export interface EpubCheckJson {
  messages: Array<{
    ID: string;
    severity: string;
    message: string;
    suggestion?: string | null;
    locations?: Array<{ path?: string; line?: number; column?: number; context?: string | null }>;
  }>;
  checker?: { checkerVersion?: string; nFatal?: number; nError?: number; nWarning?: number };
  publication?: { ePubVersion?: string | null };
}

export interface EpubCheckOutcome {
  run: ToolRun;
  findings: Finding[];
}

export const EPUBCHECK_HELP_URL = 'https://www.w3.org/publishing/epubcheck/docs/messages/';

function locationOf(l: NonNullable<EpubCheckJson['messages'][number]['locations']>[number]): FindingLocation {
  return {
    ...(l.path ? { file: l.path } : {}),
    ...(l.line !== undefined && l.line >= 0 ? { line: l.line } : {}),
    ...(l.column !== undefined && l.column >= 0 ? { column: l.column } : {}),
    ...(l.context ? { snippet: l.context } : {}),
  };
}

/**
 * EPUBCheck messages → findings. FATAL and ERROR are violations; a WARNING is a warning that
 * fails the check all the same (our policy: an EPUB ships without warnings). USAGE and INFO are
 * advice about the run, not about the file.
 */
export function epubCheckFindings(report: EpubCheckJson, tool: ToolId = { name: 'epubcheck', version: report.checker?.checkerVersion ?? '' }): Finding[] {
  const out: Finding[] = [];
  const version = report.publication?.ePubVersion;
  for (const m of report.messages) {
    const severity = m.severity.toUpperCase();
    if (severity !== 'FATAL' && severity !== 'ERROR' && severity !== 'WARNING') continue;
    const locations = (m.locations ?? []).map(locationOf);
    out.push({
      tool,
      rule: m.ID,
      severity: severity === 'WARNING' ? 'warning' : 'violation',
      fails: true,
      ...(version ? { profile: `epub${version.split('.')[0]}` } : {}),
      message: m.message,
      ...(locations.length > 1 ? { count: locations.length } : {}),
      locations,
      ...(m.suggestion ? { help: m.suggestion } : {}),
      helpUrl: EPUBCHECK_HELP_URL,
    });
  }
  return out;
}

class EpubCheckFailure extends Error {}

/** One long-lived JVM running the request loop above. */
class EpubCheckServer {
  private pending: ((line: string) => void) | undefined;
  private exited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly version: string,
    lines: AsyncIterable<string>,
  ) {
    child.once('exit', () => {
      this.exited = true;
      this.pending?.('exit');
    });
    void (async () => {
      for await (const line of lines) this.pending?.(line);
    })();
  }

  static async start(workDir: string): Promise<EpubCheckServer> {
    const source = join(workDir, 'RijkspersEpubCheckServer.java');
    await writeFile(source, SERVER_SOURCE, 'utf8');
    // Its own process group, so the signal handler's one kill ends the JVM and anything it started.
    const child = trackChild(spawn('java', [...serverJavaOptions(workDir), '-cp', EPUBCHECK_JAR, source], { stdio: ['pipe', 'pipe', 'pipe'], detached: true }));
    // No `java` at all, or a write after the JVM died: an error event, never an uncaught exception.
    const spawnError = new Promise<'exit'>((res) => child.once('error', () => res('exit')));
    child.stdin.on('error', () => undefined);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      lines.next(),
      new Promise<'exit'>((res) => child.once('exit', () => res('exit'))),
      spawnError,
      // Compiling the request loop and loading EPUBCheck: seconds, a minute on a very busy machine.
      new Promise<'timeout'>((res) => { timer = setTimeout(() => res('timeout'), 120_000); }),
    ]);
    clearTimeout(timer);
    if (first === 'exit' || first === 'timeout' || first.done || !first.value.startsWith('ready')) {
      if (child.pid !== undefined) killGroup(child.pid);
      throw new Error(`EPUBCheck server did not start: ${typeof first === 'string' ? first : first.value ?? 'no output'} ${stderr.trim()}`);
    }
    const version = first.value.slice('ready '.length).trim();
    const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => lines };
    return new EpubCheckServer(child, version === 'null' ? '' : version, rest);
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** One request at a time (the caller queues). Returns EPUBCheck's exit code and error output. */
  async check(file: string, jsonOut: string, limitMs: number): Promise<{ code: number; stderr: string }> {
    if (this.exited) throw new Error('EPUBCheck server has exited');
    const reply = new Promise<string>((res) => {
      this.pending = res;
    });
    this.child.stdin.write(`${file}\t${jsonOut}\n`);
    try {
      // A check that runs out of time cannot be stopped inside the JVM: the JVM goes, and the
      // next file falls back to the CLI.
      const line = await withTimeLimit(reply, limitMs, `EPUBCheck on ${file}`, () => this.kill());
      if (line === 'exit') throw new EpubCheckFailure(`the EPUBCheck JVM exited while checking ${file}`);
      const [kind, first = '', stderr = ''] = line.split('\t');
      if (kind === 'failed') throw new EpubCheckFailure(`EPUBCheck crashed on ${file}: ${first}${stderr ? ` (${stderr})` : ''}`);
      if (kind !== 'done' || !/^-?\d+$/u.test(first)) throw new EpubCheckFailure(`EPUBCheck server: unexpected reply "${line}"`);
      return { code: Number(first), stderr };
    } finally {
      this.pending = undefined;
    }
  }

  private kill(): void {
    if (!this.exited && this.child.pid !== undefined) killGroup(this.child.pid);
    // Dead from now on, whether or not its exit event has come in yet: the next file goes to the CLI.
    this.exited = true;
  }

  async stopAndWait(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((res) => this.child.once('exit', () => res()));
    // End of input ends the request loop; the group kill after it takes anything that lingers.
    this.child.stdin.end();
    await Promise.race([gone, new Promise<void>((res) => setTimeout(res, 5000).unref())]);
    this.kill();
  }
}

/** The CLI, one JVM per file: for a big EPUB, and the fallback when the server cannot run. */
function runCli(file: string, jsonOut: string, javaOptions: string[], limitMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((res, rej) => {
    const child = trackChild(spawn('java', [...javaOptions, '-jar', EPUBCHECK_JAR, file, '--json', jsonOut], { stdio: ['ignore', 'ignore', 'pipe'], detached: true }));
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killGroup(child.pid);
    }, limitMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) rej(new TimeLimitError(`EPUBCheck on ${file}`, limitMs));
      else if (signal) rej(new EpubCheckFailure(`epubcheck killed by ${signal} ${stderr.trim()}`));
      else res({ code: code ?? -1, stderr: stderr.replace(/\s+/gu, ' ').trim() });
    });
  });
}

/**
 * Checks EPUB files one at a time with one JVM (or the CLI when that cannot start); a big EPUB
 * in a JVM of its own, one at a time too, beside the server.
 */
export class EpubCheckRunner {
  private readonly queue = new Limiter(1);
  private readonly bigQueue = new Limiter(1);
  private counter = 0;

  private constructor(
    private readonly workDir: string,
    private server: EpubCheckServer | undefined,
    private readonly startError: string | undefined,
  ) {}

  /** `server: false` skips the one-JVM server (tests of the fallback). */
  static async open(options: { server?: boolean } = {}): Promise<EpubCheckRunner> {
    const workDir = await makeTempDir('epubcheck');
    if (options.server === false) return new EpubCheckRunner(workDir, undefined, 'disabled by the caller');
    try {
      return new EpubCheckRunner(workDir, await EpubCheckServer.start(workDir), undefined);
    } catch (err) {
      return new EpubCheckRunner(workDir, undefined, err instanceof Error ? err.message : String(err));
    }
  }

  /** `server` (one JVM) or `cli` (one JVM per file), for the report. */
  get mode(): 'server' | 'cli' {
    return this.server?.alive ? 'server' : 'cli';
  }

  get serverStartError(): string | undefined {
    return this.startError;
  }

  get tool(): ToolId {
    return { name: 'epubcheck', version: this.server?.version || '4.2.6' };
  }

  async check(file: string): Promise<EpubCheckOutcome> {
    const absolute = resolve(file);
    const bytes = await contentBytes(absolute).catch(() => 0);
    if (bytes >= BIG_EPUB_BYTES) return this.bigQueue.run(() => this.checkNow(absolute, bytes, true));
    return this.queue.run(() => this.checkNow(absolute, bytes, false));
  }

  private async checkNow(absolute: string, bytes: number, big: boolean): Promise<EpubCheckOutcome> {
    const started = performance.now();
    const jsonOut = join(this.workDir, `report-${++this.counter}.json`);
    const tool = this.tool;
    try {
      // The server protocol is one line per request, fields split by a tab.
      if (/[\t\r\n]/u.test(absolute) || /[\t\r\n]/u.test(jsonOut)) throw new Error(`EPUBCheck: file name with a tab or line break: ${JSON.stringify(absolute)}`);
      // EPUBCheck "checks" a missing file with an empty report (and exit code 1): never a pass.
      if (!(await stat(absolute).catch(() => undefined))?.isFile()) throw new Error(`EPUBCheck: no such file: ${absolute}`);
      const limitMs = timeLimitMs(bytes, EPUBCHECK_TIME_SCALE);
      const { code, stderr } = !big && this.server?.alive
        ? await this.server.check(absolute, jsonOut, limitMs)
        : await runCli(absolute, jsonOut, cliJavaOptions(this.workDir, big), limitMs);
      const json = await readFile(jsonOut, 'utf8').catch(() => undefined);
      if (json === undefined) throw new Error(`EPUBCheck wrote no report for ${absolute} (exit code ${code})${stderr ? `: ${stderr}` : ''}`);
      const report = JSON.parse(json) as EpubCheckJson;
      const found = epubCheckFindings(report, { name: 'epubcheck', version: report.checker?.checkerVersion ?? tool.version ?? '' });
      // EPUBCheck exits 1 for errors and warnings alike; with neither in its report, the run itself failed.
      if (code !== 0 && found.length === 0) {
        throw new Error(`EPUBCheck exited with code ${code} and reported nothing for ${absolute}${stderr ? `: ${stderr}` : ''}`);
      }
      return {
        run: { tool: found[0]?.tool ?? tool, ran: true, durationMs: Math.round(performance.now() - started) },
        findings: found,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        run: { tool, ran: false, error: message, durationMs: Math.round(performance.now() - started) },
        findings: [toolFailure(tool, message)],
      };
    } finally {
      await rm(jsonOut, { force: true });
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.idle(), this.bigQueue.idle()]);
    await this.server?.stopAndWait();
    this.server = undefined;
    await removeTempDir(this.workDir);
  }
}
