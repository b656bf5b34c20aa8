/** Help, usage errors and progress: what a new user sees first. */
import { describe, expect, it } from 'vitest';
import { progressDisplay } from '../../src/cli/progress.js';
import { captureOutput, runCli } from '../support/cli.js';

captureOutput();

describe('help', () => {
  it.each([['build', '--help'], ['help', 'build']])('`rijkspers %s %s` exits 0 with a line per option', async (...args) => {
    const { code, out, err } = await runCli(...args);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const option of ['--out <dir>', '--format <list>', '--no-check', '--theme <name>', '--jobs <n>', '--pdf-standard <standard>', '--certifier <name>', '--a11y-reviewed', '--reporter <name[=file]>', '--json', '--verbose', '--quiet']) {
      expect(out).toContain(option);
    }
    expect(out).toMatch(/house style: grootletter, rijkshuisstijl \(default\)/u);
    expect(out).toMatch(/ua1, a2a-ua1, a3a-ua1/u);
  });

  it.each([['parse'], ['check'], ['themes']])('`rijkspers %s --help` exits 0', async (command) => {
    const { code, out } = await runCli(command, '--help');
    expect(code).toBe(0);
    expect(out).toContain(`Usage: rijkspers ${command}`);
  });

  it('`rijkspers --help` lists the commands and the exit codes', async () => {
    const { code, out } = await runCli('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/build \[options\] <file\.\.\.>/u);
    expect(out).toContain('Exit codes:');
  });

  it('`rijkspers themes` lists the house styles', async () => {
    const { code, out } = await runCli('themes');
    expect(code).toBe(0);
    expect(out).toMatch(/^rijkshuisstijl\s.*\(default\)$/mu);
    expect(out).toMatch(/^grootletter\s/mu);
  });
});

describe('usage errors: one line, exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['build', '--nope'], /^rijkspers: unknown option --nope; see `rijkspers build --help`\n$/u],
    [['build'], /^rijkspers: missing required argument 'file'; see `rijkspers build --help`\n$/u],
    [['publish'], /^rijkspers: unknown command 'publish'.*; see `rijkspers --help`\n$/u],
    [['build', 'x.txt', '--pdf-standard', 'a4'], /^rijkspers: --pdf-standard takes ua1, a2a-ua1, a3a-ua1; got "a4"; see `rijkspers build --help`\n$/u],
    [['build', 'x.txt', '--reporter', 'xml'], /^rijkspers: --reporter takes human, json, sarif, junit .*; see `rijkspers build --help`\n$/u],
    [['build', 'x.txt', '--reporter', 'sarif', '--json'], /^rijkspers: only one report can go to standard output; got sarif and json/u],
    [['check', 'x.pdf', '--bogus'], /^rijkspers: unknown option --bogus; see `rijkspers check --help`\n$/u],
    [['help', 'nope'], /^rijkspers: no command "nope"/u],
  ];
  it.each(cases)('%j', async (args, message) => {
    const { code, out, err } = await runCli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });
});

describe('progress', () => {
  interface Fake { text: string; columns: number; isTTY: boolean; write(s: string): boolean }
  const fake = (): Fake => ({ text: '', columns: 60, isTTY: true, write(s: string) { this.text += s; return true; } });

  it('in a log: one plain line per step', () => {
    const stream = fake();
    const p = progressDisplay('plain', stream as unknown as NodeJS.WriteStream);
    p.onProgress({ type: 'start', command: 'build', total: 2 });
    p.onProgress({ type: 'letter-start', index: 0, total: 2, input: 'input/a.txt' });
    p.onProgress({ type: 'letter-rendered', index: 0, total: 2, input: 'input/a.txt', formats: ['html', 'pdf'] });
    p.onProgress({ type: 'check-start', index: 0, total: 2, input: 'input/a.txt', format: 'pdf', file: 'output/a.pdf' });
    p.onProgress({ type: 'check-done', index: 0, total: 2, input: 'input/a.txt', format: 'pdf', file: 'output/a.pdf', passed: false });
    p.stop();
    expect(stream.text).toBe([
      'rijkspers: building 2 letters',
      '[1/2] input/a.txt: rendering',
      '[1/2] input/a.txt: rendered html, pdf',
      '[1/2] input/a.txt: checking output/a.pdf',
      '[1/2] input/a.txt: checked output/a.pdf: violations',
      '',
    ].join('\n'));
  });

  it('on a terminal: one status line, redrawn, cut to the width, cleared before other lines', () => {
    const stream = fake();
    const p = progressDisplay('tty', stream as unknown as NodeJS.WriteStream);
    p.onProgress({ type: 'start', command: 'build', total: 3 });
    p.onProgress({ type: 'letter-start', index: 1, total: 3, input: 'input/een-heel-lange-naam-van-een-brief-die-niet-past.txt' });
    p.onProgress({ type: 'check-start', index: 1, total: 3, input: 'input/b.txt', format: 'epub', file: 'output/b.epub' });
    const lines = stream.text.split('\r\u001b[2K').filter(Boolean);
    expect(lines.at(-1)).toMatch(/^rijkspers \[2\/3\] input\/een-heel-lange-naam.*…$/u);
    expect(lines.every((l) => l.length <= 59)).toBe(true);
    stream.text = '';
    const other = fake();
    p.print(other as unknown as NodeJS.WriteStream, ['PASS  output/a.html']);
    expect(other.text).toBe('PASS  output/a.html\n');
    expect(stream.text.startsWith('\r\u001b[2K')).toBe(true);
    p.stop();
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true);
  });
});
