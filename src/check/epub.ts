/**
 * The EPUB checker: EPUBCheck (conformance) and Ace by DAISY (accessibility) on every EPUB.
 *
 * Opened once per run: one JVM for EPUBCheck and one Chromium for Ace serve every file, and the
 * two tools check a file side by side. Every EPUBCheck error or warning and every Ace violation
 * fails the file; a tool that could not run fails it too.
 */
import { AceRunner } from './epub/ace.js';
import { EpubCheckRunner } from './epub/epubcheck.js';
import type { CheckResult, CheckSession, OpenChecker, ToolRun } from './types.js';

export { aceViolations } from './epub/ace.js';
export { epubCheckViolations } from './epub/epubcheck.js';

export const openEpubChecker: OpenChecker = async (): Promise<CheckSession> => {
  const [epubcheck, ace] = await Promise.all([
    EpubCheckRunner.open(),
    AceRunner.open().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
  ]);
  let closed = false;

  return {
    format: 'epub',
    async check(file: string): Promise<CheckResult> {
      if (closed) throw new Error('EPUB checker already closed');
      const [ec, ac] = await Promise.all([
        epubcheck.check(file),
        ace instanceof Error ? Promise.resolve(ace) : ace.check(file),
      ]);
      const aceRun: ToolRun = ac instanceof Error ? { tool: 'ace', ran: false, error: `Ace could not start: ${ac.message}`, durationMs: 0 } : ac.run;
      const tools = [ec.run, aceRun];
      const violations = [...ec.violations, ...(ac instanceof Error ? [] : ac.violations)];
      // EPUBCheck warnings fail the build as well as errors: every violation counts.
      return { format: 'epub', file, tools, violations, passed: tools.every((t) => t.ran) && violations.length === 0 };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([epubcheck.close(), ace instanceof Error ? Promise.resolve() : ace.close()]);
    },
  };
};
