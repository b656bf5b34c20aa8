/**
 * EPUBCheck (Debian's 4.2.6 jar) for many files from one JVM.
 *
 * `java -jar epubcheck.jar` costs ~3.5 s per file, almost all of it JVM start-up and schema
 * loading. EPUBCheck's own `EpubChecker.run(String[])` is reentrant, so a tiny Java program (run
 * from source with the JDK's single-file launcher, nothing to build or commit) keeps one JVM and
 * checks each file on request: after the first file a check takes well under a second. When the
 * server cannot start (a JRE without the compiler module), every file falls back to the CLI.
 * Either way the tool writes its `--json` report, which we read; every FATAL, ERROR and WARNING
 * message is a violation.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir, removeTempDir } from '../../util/temp-dir.js';
import { trackChild } from '../../util/child-processes.js';
import { SerialQueue } from '../../util/serial-queue.js';
import type { ToolRun, Violation } from '../types.js';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';
/**
 * `-Xss1024k`: Debian's wrapper passes it; deep XML nesting in the schemas needs it.
 * C1 only and the serial collector: a check is short and the CI has 2 cores; measured here, the
 * first check drops from ~3.8 s to ~1.7 s and later ones from ~110 ms to ~60 ms.
 * `-UsePerfData`: no hsperfdata files left in /tmp.
 */
const JAVA_OPTIONS = ['-Xss1024k', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData'];
const CHECK_TIMEOUT_MS = 120_000;

/**
 * The request loop: one line `EPUB<TAB>JSON-OUT` in, one line `done<TAB>exit code` out. EPUBCheck
 * prints its human-readable report on System.out, so the protocol gets the real stdout and
 * System.out/err go to a sink.
 */
const SERVER_SOURCE = `
import java.io.*;
import java.nio.charset.StandardCharsets;
public class RijkspersEpubCheckServer {
  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(sink);
    System.setErr(sink);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    protocol.println("ready " + com.adobe.epubcheck.tool.EpubChecker.class.getPackage().getImplementationVersion());
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.split("\\t", 2);
      int rc;
      try {
        rc = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] { parts[0], "--json", parts[1] });
      } catch (Throwable t) {
        rc = -2;
      }
      protocol.println("done\\t" + rc);
    }
  }
}
`;

/** The parts of EPUBCheck's JSON report we read. */
interface EpubCheckJson {
  messages: Array<{
    ID: string;
    severity: string;
    message: string;
    suggestion?: string | null;
    locations?: Array<{ path?: string; line?: number; column?: number; context?: string | null }>;
  }>;
  checker?: { checkerVersion?: string; nFatal?: number; nError?: number; nWarning?: number };
}

export interface EpubCheckOutcome {
  run: ToolRun;
  violations: Violation[];
}

/** EPUBCheck messages → violations. Warnings fail the build too; they keep severity `warning`. */
export function epubCheckViolations(report: EpubCheckJson): Violation[] {
  const out: Violation[] = [];
  for (const m of report.messages) {
    const severity = m.severity.toUpperCase();
    if (severity !== 'FATAL' && severity !== 'ERROR' && severity !== 'WARNING') continue;
    const where = (m.locations ?? []).map((l) => [l.path, l.line, l.column].filter((p) => p !== undefined && p !== -1).join(':'));
    out.push({
      tool: 'epubcheck',
      rule: m.ID,
      severity: severity === 'WARNING' ? 'warning' : 'error',
      message: severity === 'FATAL' ? `fatal: ${m.message}` : m.message,
      ...(where.length ? { location: where.join(', ') } : {}),
      ...(m.suggestion ? { help: m.suggestion } : {}),
      helpUrl: 'https://www.w3.org/publishing/epubcheck/docs/messages/',
    });
  }
  return out;
}

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
    const child = trackChild(spawn('java', [...JAVA_OPTIONS, '-cp', EPUBCHECK_JAR, source], { stdio: ['pipe', 'pipe', 'pipe'] }));
    // No `java` at all, or a write after the JVM died: an error event, never an uncaught exception.
    const spawnError = new Promise<'exit'>((res) => child.once('error', () => res('exit')));
    child.stdin.on('error', () => undefined);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await Promise.race([
      lines.next(),
      new Promise<'exit'>((res) => child.once('exit', () => res('exit'))),
      spawnError,
      new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 60_000).unref()),
    ]);
    if (first === 'exit' || first === 'timeout' || first.done || !first.value.startsWith('ready')) {
      child.kill('SIGKILL');
      throw new Error(`EPUBCheck server did not start: ${typeof first === 'string' ? first : first.value ?? 'no output'} ${stderr.trim()}`);
    }
    const version = first.value.slice('ready '.length).trim();
    const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => lines };
    return new EpubCheckServer(child, version === 'null' ? '' : version, rest);
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Serialised by the caller: one request at a time. */
  async check(file: string, jsonOut: string): Promise<number> {
    if (this.exited) throw new Error('EPUBCheck server has exited');
    const reply = new Promise<string>((res) => {
      this.pending = res;
    });
    this.child.stdin.write(`${file}\t${jsonOut}\n`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((res) => {
      timer = setTimeout(() => res('timeout'), CHECK_TIMEOUT_MS);
    });
    const line = await Promise.race([reply, timeout]);
    clearTimeout(timer);
    this.pending = undefined;
    if (line === 'timeout' || line === 'exit') {
      this.stop();
      throw new Error(`EPUBCheck server ${line === 'exit' ? 'exited' : `timed out after ${CHECK_TIMEOUT_MS} ms`} checking ${file}`);
    }
    const m = /^done\t(-?\d+)$/u.exec(line);
    if (!m) throw new Error(`EPUBCheck server: unexpected reply "${line}"`);
    return Number(m[1]);
  }

  stop(): void {
    if (!this.exited) {
      this.child.stdin.end();
      this.child.kill('SIGTERM');
    }
  }

  async stopAndWait(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.stop();
    await Promise.race([gone, new Promise<void>((res) => setTimeout(res, 5000).unref())]);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** The CLI, one JVM per file: the fallback when the server cannot run. */
function runCli(file: string, jsonOut: string): Promise<number> {
  return new Promise((res, rej) => {
    const child = trackChild(spawn('java', [...JAVA_OPTIONS, '-jar', EPUBCHECK_JAR, file, '--json', jsonOut], { stdio: ['ignore', 'ignore', 'pipe'] }));
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHECK_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal) rej(new Error(`epubcheck killed by ${signal} ${stderr.trim()}`));
      else res(code ?? -1);
    });
  });
}

/** Checks EPUB files one after the other with one JVM (or the CLI when that cannot start). */
export class EpubCheckRunner {
  private readonly queue = new SerialQueue();
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

  check(file: string): Promise<EpubCheckOutcome> {
    return this.queue.run(() => this.checkNow(file));
  }

  private async checkNow(file: string): Promise<EpubCheckOutcome> {
    const started = performance.now();
    const jsonOut = join(this.workDir, `report-${++this.counter}.json`);
    const absolute = resolve(file);
    try {
      // The server protocol is one line per request, fields split by a tab.
      if (/[\t\r\n]/u.test(absolute) || /[\t\r\n]/u.test(jsonOut)) throw new Error(`EPUBCheck: file name with a tab or line break: ${JSON.stringify(absolute)}`);
      // EPUBCheck "checks" a missing file with an empty report (and exit code 1): never a pass.
      if (!(await stat(absolute).catch(() => undefined))?.isFile()) throw new Error(`EPUBCheck: no such file: ${absolute}`);
      const code = this.server?.alive ? await this.server.check(absolute, jsonOut) : await runCli(absolute, jsonOut);
      const report = JSON.parse(await readFile(jsonOut, 'utf8')) as EpubCheckJson;
      const violations = epubCheckViolations(report);
      // The report is the result; a failing exit code without an error in it means the check itself failed.
      if (code !== 0 && !violations.some((v) => v.severity === 'error')) {
        throw new Error(`EPUBCheck exited with code ${code} but reported no error for ${absolute}`);
      }
      return {
        run: {
          tool: 'epubcheck',
          version: report.checker?.checkerVersion ?? this.server?.version ?? '',
          ran: true,
          durationMs: Math.round(performance.now() - started),
        },
        violations,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        run: { tool: 'epubcheck', ran: false, error: message, durationMs: Math.round(performance.now() - started) },
        violations: [],
      };
    } finally {
      await rm(jsonOut, { force: true });
    }
  }

  async close(): Promise<void> {
    await this.queue.idle();
    await this.server?.stopAndWait();
    this.server = undefined;
    await removeTempDir(this.workDir);
  }
}
