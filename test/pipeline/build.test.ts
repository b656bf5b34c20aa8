/**
 * The pipeline without checks (src/pipeline/build.ts): each letter read, rendered in memory, its
 * files staged and renamed into place with the report; a bad letter leaves nothing; the files say
 * what the letter says. The same output assertions run with every check in test/e2e/.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLetters, type BuildOptions } from '../../src/pipeline/build.js';
import { readLetter } from '../../src/readers/index.js';
import { loadTheme } from '../../src/render/theme.js';
import type { LetterOutcome } from '../../src/report/outcome.js';
import { FIN_KABINETSREACTIE, IENW_A12_UNSEEN, UNSEEN, letterText } from '../support/letters.js';
import {
  expectEveryWord, expectNoteLinks, expectPageListIsPdfPages, expectReportDescribesOutputs, readOutputs, type PublishedOutcome,
} from '../support/outputs.js';
import { renderAll } from '../support/render.js';

const src = mkdtempSync(join(tmpdir(), 'rijkspers-pipeline-src-'));
const outDir = mkdtempSync(join(tmpdir(), 'rijkspers-pipeline-out-'));
afterAll(() => {
  rmSync(src, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const unseen = join(src, 'ienw-a12-unseen.txt');
const bad = join(src, 'leeg.txt');
const jenv = UNSEEN.find((p) => p.includes('jenv-antwoorden'))!;
const INPUTS = [unseen, bad, jenv, FIN_KABINETSREACTIE];
const options: BuildOptions = { outDir, formats: ['html', 'pdf', 'epub'], check: false };

const outcomes: LetterOutcome[] = [];
const reported: LetterOutcome[] = [];

beforeAll(async () => {
  writeFileSync(unseen, letterText(IENW_A12_UNSEEN));
  writeFileSync(bad, '');
  // A stale output of the bad letter, from when it still parsed: the build removes it.
  writeFileSync(join(outDir, 'leeg.html'), '<!DOCTYPE html>');
  outcomes.push(...await buildLetters(INPUTS, options, (o) => reported.push(o)));
});

const published = (input: string): PublishedOutcome => {
  const o = outcomes.find((x) => x.input === input);
  if (o?.kind !== 'published') throw new Error(`${input} was not published: ${JSON.stringify(o)}`);
  return o;
};

describe('buildLetters without checks', () => {
  it('builds every letter in order, tells each as it finishes, and one bad letter stops none of the others', () => {
    expect(reported).toEqual(outcomes);
    expect(outcomes.map((o) => [o.input, o.kind])).toEqual([[unseen, 'published'], [bad, 'input-error'], [jenv, 'published'], [FIN_KABINETSREACTIE, 'published']]);
    const error = outcomes[1]!;
    expect(error.kind === 'input-error' && error.error).toMatchObject({ code: 'empty-file', file: bad, line: 1 });
  });

  it('leaves the outputs and reports in place, nothing staged, nothing of the bad letter', () => {
    const stems = ['ienw-a12-unseen', 'jenv-antwoorden-vreemdelingenbewaring', 'fin-kabinetsreactie'];
    expect(readdirSync(outDir).sort()).toEqual(stems.flatMap((s) => ['epub', 'html', 'pdf', 'report.json'].map((e) => `${s}.${e}`)).sort());
    for (const input of [unseen, jenv, FIN_KABINETSREACTIE]) expect(published(input).checks).toBeUndefined();
  });

  it('writes exactly what the writers make of the letter', async () => {
    const all = await renderAll(unseen);
    const o = published(unseen);
    expect(Buffer.from(readFileSync(o.outputs.find((x) => x.format === 'pdf')!.path)).equals(Buffer.from(all.pdf))).toBe(true);
    expect(Buffer.from(readFileSync(o.outputs.find((x) => x.format === 'epub')!.path)).equals(Buffer.from(all.epub))).toBe(true);
    expect(readFileSync(o.outputs.find((x) => x.format === 'html')!.path, 'utf8')).toBe(all.html);
  });

  it('reports an output folder it cannot write to as an output error, not a bug', async () => {
    const blocked = join(src, 'een-bestand');
    writeFileSync(blocked, '');
    const [o] = await buildLetters([FIN_KABINETSREACTIE], { ...options, outDir: join(blocked, 'out'), formats: ['html'] });
    expect(o).toMatchObject({ kind: 'output-error', input: FIN_KABINETSREACTIE, message: expect.stringMatching(/a file is in the way/u) });
  });
});

describe.each([unseen, jenv, FIN_KABINETSREACTIE])('the files of %s', (input) => {
  it('carry every word in order, resolve every note link, page like the PDF, and are described by the report', async () => {
    const o = published(input);
    const { letter } = await readLetter(input);
    const outputs = await readOutputs(o);
    expectEveryWord(letter, outputs, loadTheme());
    expectNoteLinks(letter, outputs);
    expectPageListIsPdfPages(o, outputs);
    expectReportDescribesOutputs(o, letter, outDir, false);
  });
});
