/**
 * The command line: exit codes, FILE:LINE errors without stack traces, nothing written for bad
 * input, reproducible outputs. Builds run without checks here; test/e2e/ runs the checkers. The
 * installed command is tested on a build of the current sources made for this test.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { REPORT_VERSION } from '../../src/report/report.js';
import { VERSION } from '../../src/version.js';
import { DOCX_FEATURES, REFERENCE as REF, REPO, letterText } from '../support/letters.js';

interface Run { code: number; out: string; err: string }

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
});
afterEach(() => { vi.restoreAllMocks(); });

async function run(...args: string[]): Promise<Run> {
  const code = await main(args);
  return { code, out, err };
}

const tempDirs: string[] = [];
afterAll(() => { for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true }); });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rijkspers-cli-'));
  tempDirs.push(dir);
  return dir;
}

describe('rijkspers build (without checks)', () => {
  it('writes every format and a report, and says so per output', async () => {
    const dir = tempDir();
    const r = await run('build', REF, '--out', dir, '--no-check');
    expect(r.err).toContain('input/000_4c8a1616a76a7555.txt:112: warning: "Antwoord 7 en 8" follows Vraag 8 and Vraag 9');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '000_4c8a1616a76a7555.epub', '000_4c8a1616a76a7555.html', '000_4c8a1616a76a7555.pdf', '000_4c8a1616a76a7555.report.json',
    ]);
    expect(r.out).toMatch(/WROTE .*000_4c8a1616a76a7555\.pdf .*\d+ pages \(not checked\)/u);
    expect(r.out).toMatch(/Summary: 1 letter, 3 outputs written, not checked, 0 input errors, 1 warning → exit 0/u);
    const report = JSON.parse(readFileSync(join(dir, '000_4c8a1616a76a7555.report.json'), 'utf8'));
    // Changed on purpose (issue 8): report version 2 (structured findings); no checks, no findings.
    expect(REPORT_VERSION).toBe(2);
    expect(report).toMatchObject({
      rijkspers: { reportVersion: 2, version: VERSION },
      input: REF, status: 'not-checked', title: expect.stringMatching(/^Beantwoording vragen/u),
      summary: { outputs: 3, checked: 0, violations: 0, warnings: 1 },
    });
    expect(report.checks).toBeUndefined();
    expect(report.warnings[0]).toMatchObject({ code: 'qa-label-mismatch', line: 112 });
    expect(report.outputs.map((o: { format: string }) => o.format)).toEqual(['html', 'pdf', 'epub']);
    expect(report.outputs[1].pages).toBeGreaterThanOrEqual(4);
    for (const o of report.outputs) {
      const bytes = readFileSync(join(dir, o.file));
      expect(o.bytes).toBe(bytes.length);
      expect(o.sha256).toMatch(/^[0-9a-f]{64}$/u);
    }
    // Outputs are staged under hidden names and renamed together: none is left behind.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
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
    expect(readdirSync(dir).sort()).toEqual(['000_4c8a1616a76a7555.html', '000_4c8a1616a76a7555.report.json']);
  });

  it('prints the outcome as JSON with --json', async () => {
    const dir = tempDir();
    const r = await run('build', REF, '--out', dir, '--no-check', '--format', 'html', '--json');
    const parsed = JSON.parse(r.out);
    expect(parsed.summary).toMatchObject({ letters: 1, outputs: 1, exitCode: 0 });
    expect(parsed.outcomes[0]).toMatchObject({ input: REF, status: 'not-checked' });
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

  it.each(cases)('%s exits 2 with FILE:LINE, no stack trace, and leaves nothing in --out', async (name, content, message) => {
    const src = tempDir();
    const dir = tempDir();
    const file = join(src, name);
    writeFileSync(file, content);
    const r = await run('build', file, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /u);
    expect(r.out).toContain('nothing written');
    expect(readdirSync(dir)).toEqual([]);
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
    expect(readdirSync(dir)).toEqual([]);
  });

  it('publishes the good letters and still exits 2 when one input is bad', async () => {
    const src = tempDir();
    const dir = tempDir();
    writeFileSync(join(src, 'a.txt'), letterText());
    writeFileSync(join(src, 'b.txt'), '');
    const r = await run('build', join(src, 'a.txt'), join(src, 'b.txt'), '--out', dir, '--no-check', '--format', 'html');
    expect(r.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.report.json']);
    expect(r.out).toMatch(/2 letters, 1 output written, not checked, 1 input error/u);
  });

  // Changed on purpose (issue 8): only regular files are read.
  it('refuses a directory as input with exit 2 and FILE:1', async () => {
    const src = tempDir();
    mkdirSync(join(src, 'map.txt'));
    const r = await run('build', join(src, 'map.txt'), '--out', tempDir(), '--no-check');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/map\.txt:1: error: cannot read the file: it is a directory, not a letter/u);
  });

  it('rejects a missing file, an unknown format and an unknown command with exit 2', async () => {
    expect((await run('build', 'input/does-not-exist.txt', '--out', tempDir())).err).toMatch(/does-not-exist\.txt:1: error: cannot read the file \(no such file\)/u);
    expect((await run('build', REF, '--format', 'docx')).code).toBe(2);
    expect(err).toMatch(/--format takes a list of html, pdf, epub/u);
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
    expect(readdirSync(dir).sort()).toEqual(['features.html', 'features.report.json']);
    const report = JSON.parse(readFileSync(join(dir, 'features.report.json'), 'utf8'));
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('image-without-alt');
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
  /**
   * A fresh install of the current sources: `tsc -p tsconfig.build.json` into a temp folder laid out
   * like the repository (bin/ beside dist/, package.json, templates/ and node_modules/ linked), so
   * the test never runs a dist/ left over from another build.
   */
  let root: string;
  beforeAll(() => {
    root = tempDir();
    // Emit only: the type check is `make test`'s own first step (and takes twice as long).
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.build.json'), '--outDir', join(root, 'dist'), '--noCheck'], { encoding: 'utf8' });
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
    expect(existsSync(join(root, 'dist', 'cli.js'))).toBe(true);
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(REPO, 'bin', 'rijkspers.js'), join(root, 'bin', 'rijkspers.js'));
    for (const name of ['package.json', 'templates', 'node_modules']) symlinkSync(join(REPO, name), join(root, name));
  }, 120_000);

  const cli = (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [join(root, 'bin', 'rijkspers.js'), ...args], { encoding: 'utf8', cwd: REPO });

  it('runs from bin/ and exits with the CLI code', () => {
    const ok = cli('--version');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(VERSION);
    const bad = cli('parse', 'input/nope.txt');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('input/nope.txt:1: error: cannot read the file (no such file)\n');
  });

  it('publishes a letter with the built code, the house style and the fonts next to it', () => {
    const out = tempDir();
    const r = cli('build', REF, '--out', out, '--no-check', '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['000_4c8a1616a76a7555.html', '000_4c8a1616a76a7555.report.json']);
    expect(readFileSync(join(out, '000_4c8a1616a76a7555.html'), 'utf8')).toContain('data:font/woff2;base64,');
  });
});
