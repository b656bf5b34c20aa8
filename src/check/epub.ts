/**
 * The EPUB checker: EPUBCheck (conformance) and Ace by DAISY (accessibility) on every EPUB.
 *
 * Opened once per run: one JVM for EPUBCheck and the run's one Chromium for Ace serve every file,
 * and the two tools check a file side by side. `check` may be called for several files at once:
 * EPUBCheck queues them in its JVM, Ace takes a couple at a time. Every EPUBCheck error or warning
 * and every Ace violation fails the file; a tool that could not run fails it too.
 */
import { basename } from 'node:path';
import { AceRunner, type AceOutcome } from './epub/ace.js';
import { EpubCheckRunner } from './epub/epubcheck.js';
import { passedOf, toolFailure, type CheckResult, type CheckSession, type OpenChecker, type ToolRun } from './types.js';

export { aceFindings } from './epub/ace.js';
export { epubCheckFindings } from './epub/epubcheck.js';

export const openEpubChecker: OpenChecker = async (): Promise<CheckSession> => {
  const [epubcheck, ace] = await Promise.all([
    EpubCheckRunner.open(),
    AceRunner.open().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
  ]);
  let closed = false;

  const aceNotStarted = (file: string, error: Error): AceOutcome => {
    const message = `Ace could not start: ${error.message}`;
    const run: ToolRun = { tool: { name: 'ace' }, ran: false, error: message, durationMs: 0 };
    return { run, findings: [toolFailure(run.tool, message, [{ file: basename(file) }])] };
  };

  return {
    format: 'epub',
    async check(file: string): Promise<CheckResult> {
      if (closed) throw new Error('EPUB checker already closed');
      const [ec, ac] = await Promise.all([
        epubcheck.check(file),
        ace instanceof Error ? aceNotStarted(file, ace) : ace.check(file),
      ]);
      const tools = [ec.run, ac.run];
      const findings = [...ec.findings, ...ac.findings];
      return { format: 'epub', file, tools, findings, passed: passedOf(tools, findings) };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([epubcheck.close(), ace instanceof Error ? Promise.resolve() : ace.close()]);
    },
  };
};
