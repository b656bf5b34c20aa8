/**
 * The command line: exit codes, FILE:LINE errors without stack traces, nothing written for bad
 * input, reproducible outputs. Builds run without checks here; test/e2e/publish.ts runs the
 * checkers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput, runCli, tempDir } from '../support/cli.js';
import { DOCX_FEATURES, REFERENCE as REF, letterText } from '../support/letters.js';

captureOutput();
const run = runCli;

describe('rijkspers build (without checks)', () => {
  it('writes every format and a report, and says so per output', async () => {
    const dir = tempDir();
    const r = await run('build', REF, '--out', dir, '--no-check');
    expect(r.err).toContain('input/000_4c8a1616a76a7555.txt:112: warning: "Antwoord 7 en 8" follows Vraag 8 and Vraag 9');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '000_4c8a1616a76a7555.epub', '000_4c8a1616a76a7555.html', '000_4c8a1616a76a7555.pdf', '000_4c8a1616a76a7555.report.json', 'index.html',
    ]);
    expect(r.out).toMatch(/WROTE .*000_4c8a1616a76a7555\.pdf .*\d+ pages \(not checked\)/u);
    expect(r.out).toMatch(/Summary: 1 letter, 3 outputs written, not checked, 0 input errors, 1 warning → exit 0/u);
    const report = JSON.parse(readFileSync(join(dir, '000_4c8a1616a76a7555.report.json'), 'utf8'));
    // Changed on purpose (issue 12): report version 3, one schema for every report.
    expect(report).toMatchObject({
      reportVersion: 3, command: 'build',
      summary: { letters: 1, outputs: 3, checked: 0, violations: 0, inputWarnings: 1, exitCode: 0 },
    });
    const letter = report.letters[0];
    expect(letter).toMatchObject({ input: REF, status: 'not-checked', title: expect.stringMatching(/^Beantwoording vragen/u), kept: [] });
    expect(letter.warnings[0]).toMatchObject({ code: 'qa-label-mismatch', line: 112 });
    expect(letter.outputs.map((o: { format: string; status: string }) => [o.format, o.status])).toEqual([['html', 'not-checked'], ['pdf', 'not-checked'], ['epub', 'not-checked']]);
    expect(letter.outputs[1].pages).toBeGreaterThanOrEqual(4);
  });

  it('gives byte-identical files on a second build', async () => {
    const a = tempDir();
    const b = tempDir();
    expect((await run('build', REF, '--out', a, '--no-check')).code).toBe(0);
    expect((await run('build', REF, '--out', b, '--no-check')).code).toBe(0);
    for (const name of readdirSync(a)) {
      expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
    }
  });

  it('builds only the formats asked for', async () => {
    const dir = tempDir();
    expect((await run('build', REF, '--out', dir, '--no-check', '--format', 'html')).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['000_4c8a1616a76a7555.html', '000_4c8a1616a76a7555.report.json', 'index.html']);
  });

  it('prints the outcome as JSON with --json', async () => {
    const dir = tempDir();
    const r = await run('build', REF, '--out', dir, '--no-check', '--format', 'html', '--json');
    const parsed = JSON.parse(r.out);
    expect(parsed.summary).toMatchObject({ letters: 1, outputs: 1, exitCode: 0 });
    expect(parsed.letters[0]).toMatchObject({ input: REF, status: 'not-checked' });
    expect(parsed.letters[0].outputs[0].file).toBe(join(dir, '000_4c8a1616a76a7555.html'));
  });
});

describe('bad input', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['empty.txt', '', /empty\.txt:1: error: the file is empty/u],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary\.txt:1: error: not UTF-8 text/u],
    ['unterminated.txt', letterText({ body: ['Tekst.[footnoteRef:1 zonder einde'] }), /unterminated\.txt:35: error: unterminated footnote marker/u],
    ['notaletter.txt', 'Boodschappen\n\n- melk\n- brood\n', /notaletter\.txt:1: error: no letter structure found/u],
    // Changed on purpose: the message names the character, its Unicode name and the fonts tried.
    ['glyph.txt', letterText({ body: ['Een teken dat geen lettertype heeft: 中.'] }), /glyph\.txt:35: error: the character "中" \(U\+4E2D CJK UNIFIED IDEOGRAPH-4E2D\) is in none of the fonts the house style embeds \(tried Fira Sans, DejaVu Sans, [^)]*\): replace it or leave it out\n$/u],
    // Changed on purpose (issue 8): UTF-16 is named as such, at line 1.
    ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(letterText(), 'utf16le')]), /utf16\.txt:1: error: UTF-16 text, not UTF-8/u],
    // Changed on purpose: .docx has a reader; a .docx that is no zip package is refused by it.
    ['brief.docx', 'PK', /brief\.docx:1: error: not a Word document: a \.docx is a zip package and this file is not one/u],
    ['brief.odt', 'PK', /brief\.odt:1: error: cannot read this kind of file: rijkspers reads \.txt .*\.docx/u],
  ];

  it.each(cases)('%s exits 2 with FILE:LINE, no stack trace, and leaves nothing in --out but index.html', async (name, content, message) => {
    const src = tempDir();
    const dir = tempDir();
    const file = join(src, name);
    writeFileSync(file, content);
    const r = await run('build', file, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /u);
    expect(r.out).toContain('nothing written');
    // Changed on purpose (issue 12): index.html, the publication report, says why nothing was written.
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('removes stale outputs of a letter that no longer parses', async () => {
    const src = tempDir();
    const dir = tempDir();
    const file = join(src, 'brief.txt');
    writeFileSync(file, letterText());
    expect((await run('build', file, '--out', dir, '--no-check', '--format', 'html')).code).toBe(0);
    expect(readdirSync(dir)).toContain('brief.html');
    writeFileSync(file, '');
    expect((await run('build', file, '--out', dir, '--no-check')).code).toBe(2);
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('publishes the good letters and still exits 2 when one input is bad', async () => {
    const src = tempDir();
    const dir = tempDir();
    writeFileSync(join(src, 'a.txt'), letterText());
    writeFileSync(join(src, 'b.txt'), '');
    // --jobs 1: worker threads load dist/ code, which a test of the sources does not build.
    const r = await run('build', join(src, 'a.txt'), join(src, 'b.txt'), '--out', dir, '--no-check', '--format', 'html', '--jobs', '1');
    expect(r.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.report.json', 'index.html']);
    expect(r.out).toMatch(/2 letters, 1 output written, not checked, 1 input error/u);
  });

  it('rejects a missing file, an unknown format and an unknown command with exit 2', async () => {
    expect((await run('build', 'input/does-not-exist.txt', '--out', tempDir())).err).toMatch(/does-not-exist\.txt:1: error: cannot read the file \(no such file\)/u);
    const format = await run('build', REF, '--format', 'docx');
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/--format takes a list of html, pdf, epub/u);
    expect((await run('publish')).code).toBe(2);
    expect((await run('build', REF, '--bogus')).code).toBe(2);
  });

  it('rejects an unknown house style with exit 2 before writing anything', async () => {
    const dir = tempDir();
    const r = await run('build', REF, '--out', dir, '--no-check', '--theme', 'geen-huisstijl');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--theme: there is no house style "geen-huisstijl" \(expected templates\/geen-huisstijl\/theme\.json\)/u);
    expect(r.err).not.toMatch(/internal error \(please report\)/u);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('Word documents', () => {
  it('publishes features.docx and warns about its picture without a description, at its paragraph', async () => {
    const dir = tempDir();
    const r = await run('build', DOCX_FEATURES, '--out', dir, '--no-check', '--format', 'html');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^test\/fixtures\/docx\/features\.docx:(\d+): warning: a picture has no alternative text \(paragraph \1\): describe it in Word/mu);
    expect(r.err).not.toMatch(/error/u);
    expect(readdirSync(dir).sort()).toEqual(['features.html', 'features.report.json', 'index.html']);
    const report = JSON.parse(readFileSync(join(dir, 'features.report.json'), 'utf8'));
    expect(report.letters[0].warnings.map((w: { code: string }) => w.code)).toContain('image-without-alt');
  });
});

describe('rijkspers parse', () => {
  it('prints the AST as JSON', async () => {
    const r = await run('parse', REF, '--json');
    expect(r.code).toBe(0);
    const ast = JSON.parse(r.out);
    expect(ast).toMatchObject({ type: 'letter', lang: 'nl', date: { iso: '2026-02-12' }, source: { stem: '000_4c8a1616a76a7555' } });
    expect(ast.annex.parts).toHaveLength(19);
  });

  it('prints a summary without --json', async () => {
    const r = await run('parse', 'input/ocw-kamerbrief-leesvaardigheid.txt');
    expect(r.out).toContain('"Aanpak leesvaardigheid in het funderend onderwijs"');
    expect(r.out).toContain('body: 10 blocks (3 headings, 2 lists)');
    expect(r.out).toContain('notes: 2 footnotes, 0 source references');
  });

  it('exits 2 with FILE:LINE on a bad file', async () => {
    const src = tempDir();
    writeFileSync(join(src, 'x.txt'), '');
    const r = await run('parse', join(src, 'x.txt'), '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/x\.txt:1: error: the file is empty/u);
  });
});

describe('rijkspers check', () => {
  it('refuses files it cannot check', async () => {
    const r = await run('check', 'README.md');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/README\.md:1: error: cannot check this file type/u);
  });
});

describe('the installed command', () => {
  it('runs from bin/ after the build and exits with the CLI code', () => {
    expect(existsSync('dist/cli.js'), 'dist/ is built by `make test` before the tests run').toBe(true);
    const ok = spawnSync(process.execPath, ['bin/rijkspers.js', '--version'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    const bad = spawnSync(process.execPath, ['bin/rijkspers.js', 'parse', 'input/nope.txt'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('input/nope.txt:1: error: cannot read the file (no such file)\n');
  });
});
