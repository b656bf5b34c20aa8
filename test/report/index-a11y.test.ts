/**
 * index.html passes our own HTML checks (Chromium page rules, axe-core, pa11y) with findings of
 * every kind on it: a folder published without checks, then each letter's report given recorded
 * check results (test/report/sample-checks.ts), then the index written and checked like any page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHtmlChecker } from '../../src/check/html.js';
import type { CheckResult } from '../../src/check/types.js';
import { runBuild } from '../../src/pipeline/run.js';
import { readLetter } from '../../src/readers/index.js';
import { writeFolderIndex } from '../../src/report/html/write-index.js';
import { checkEntry, makeReport, outputEntry, publishedStatus, serialiseReport } from '../../src/report/report.js';
import type { Report } from '../../src/report/schema.js';
import { idLines, withSourceLine } from '../../src/report/source-lines.js';
import { brokenCheck, sampleCheck } from './sample-checks.js';

const INPUTS = ['input/000_4c8a1616a76a7555.txt', 'input/ocw-kamerbrief-leesvaardigheid.txt'];

let dir: string;
let result: CheckResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rijkspers-index-'));
  await runBuild([...INPUTS, 'input/geen-brief.txt'], { outDir: dir, check: false, jobs: 1, index: false });
  for (const [i, input] of INPUTS.entries()) {
    const { letter } = await readLetter(input);
    const path = join(dir, `${letter.source.stem}.report.json`);
    const own = JSON.parse(readFileSync(path, 'utf8')) as Report;
    const entry = own.letters[0]!;
    const annotate = withSourceLine(input, idLines(letter));
    const outputs = entry.outputs.map((o) => outputEntry({
      ...o,
      check: checkEntry(i === 0 ? sampleCheck(o.format, join(dir, o.file)) : o.format === 'epub' ? brokenCheck(o.format, join(dir, o.file)) : { format: o.format, file: join(dir, o.file), passed: true, tools: [], findings: [] }, o.file, annotate),
    }));
    writeFileSync(path, serialiseReport(makeReport({ version: own.generator.version, command: 'build', letters: [{ ...entry, outputs, status: publishedStatus(outputs, []) }] })));
  }
  const missing = { input: 'input/geen-brief.txt', stem: 'geen-brief', status: 'input-error' as const, error: { code: 'unreadable', file: 'input/geen-brief.txt', line: 1, message: 'cannot read the file (no such file)' }, warnings: [], document: [], outputs: [], kept: [] };
  await writeFolderIndex(dir, { unpublished: [missing] });
  const session = await openHtmlChecker();
  try {
    result = await session.check(join(dir, 'index.html'));
  } finally {
    await session.close();
  }
}, 300_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('index.html', () => {
  it('passes axe-core, pa11y and our page checks (light, dark, 320 px)', () => {
    expect(result.tools.every((t) => t.ran), JSON.stringify(result.tools)).toBe(true);
    expect(result.passed, JSON.stringify(result, null, 1)).toBe(true);
  });

  it('is the same bytes when written again', async () => {
    const first = readFileSync(join(dir, 'index.html'));
    await writeFolderIndex(dir, { unpublished: [{ input: 'input/geen-brief.txt', stem: 'geen-brief', status: 'input-error', error: { code: 'unreadable', file: 'input/geen-brief.txt', line: 1, message: 'cannot read the file (no such file)' }, warnings: [], document: [], outputs: [], kept: [] }] });
    expect(readFileSync(join(dir, 'index.html')).equals(first)).toBe(true);
  });
});
