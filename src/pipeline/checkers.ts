/** Each format's checker, opened once on first use and shared by every letter of a run. */
import { formatSpec, type OutputFormat } from '../formats.js';
import { toolFailure, type CheckResult, type CheckSession } from '../check/types.js';

export class CheckerPool {
  private readonly sessions = new Map<OutputFormat, Promise<CheckSession>>();

  /** The format's session, opened on first use (tests reach the session's own properties through it). */
  session(format: OutputFormat): Promise<CheckSession> {
    let session = this.sessions.get(format);
    if (!session) {
      session = formatSpec(format).loadChecker().then((open) => open());
      this.sessions.set(format, session);
    }
    return session;
  }

  /** Safe to call for several files at once: each session limits its own concurrency. */
  async check(format: OutputFormat, file: string): Promise<CheckResult> {
    try {
      return await (await this.session(format)).check(file);
    } catch (err) {
      // A checker that crashes has not checked anything: that fails the build, never passes it.
      const message = err instanceof Error ? err.message : String(err);
      const tool = { name: `${format}-checker` };
      return {
        format, file, passed: false,
        tools: [{ tool, ran: false, error: message, durationMs: 0 }],
        findings: [toolFailure(tool, `the ${format} checker could not run: ${message}`)],
      };
    }
  }

  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map(async (s) => {
      try { await (await s).close(); } catch { /* a checker that failed to open has nothing to close */ }
    }));
  }
}
