/** Every input error stops with FILE:LINE and a clear message; warnings are collected, never thrown. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, formatDiagnostic } from '../src/parse/diagnostics.js';
import { parseLetterFile, parseLetterText } from '../src/parse/parse-letter.js';
import { letterText, parseCrafted } from './helpers/letters.js';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const parseBytes = (bytes: Uint8Array | string) => () => parseLetterText('bad.txt', typeof bytes === 'string' ? Buffer.from(bytes) : bytes);

describe('input errors', () => {
  it.each([
    ['empty file', '', 'empty-file', 1, /empty/u],
    ['only blank lines', '\n\n  \n', 'empty-file', 1, /no text/u],
    ['binary data (NUL)', 'Datum\n\u0000\u0001PNG', 'binary', 2, /not a text file.*U\+0000/u],
    ['not a letter', 'Boodschappenlijst\n\nmelk\nbrood\n', 'not-a-letter', 1, /no letter structure found.*"Datum" and "Betreft"/u],
    ['Betreft without value', letterText().replace('Voortgang van de proef', ''), 'no-subject', 8, /"Betreft" has no value/u],
  ])('%s', (_name, text, code, line, message) => {
    const err = errorOf(parseBytes(text));
    expect(err.diagnostic).toMatchObject({ severity: 'error', code, file: 'bad.txt', line });
    expect(err.diagnostic.message).toMatch(message);
    expect(formatDiagnostic(err.diagnostic)).toMatch(new RegExp(`^bad\\.txt:${line}: error: `, 'u'));
  });

  it('rejects text that is not UTF-8 and names the line', () => {
    const bytes = Buffer.concat([Buffer.from('Datum\n12 februari 2026\nBetreft\nBeantwoording van vragen over Syri'), Buffer.from([0xeb]), Buffer.from('\n')]);
    const err = errorOf(parseBytes(bytes));
    expect(err.diagnostic).toMatchObject({ code: 'not-utf8', line: 4 });
    expect(err.diagnostic.message).toMatch(/invalid byte 0xeb/u);
  });

  it('rejects an unterminated [footnoteRef: marker with its line and column', () => {
    const err = errorOf(() => parseCrafted({ body: ['Een bewering.[footnoteRef:1 en verder [1:  Bron.]'] }));
    expect(err.diagnostic).toMatchObject({ code: 'unterminated-footnote-ref', line: 35 });
    expect(err.diagnostic.message).toMatch(/column 14/u);
  });

  it('rejects a marker at the end of the line', () => {
    const err = errorOf(() => parseCrafted({ body: ['Een bewering.[footnoteRef:'] }));
    expect(err.diagnostic).toMatchObject({ code: 'unterminated-footnote-ref', line: 35 });
  });

  it('rejects a marker without a number', () => {
    const err = errorOf(() => parseCrafted({ body: ['Een bewering.[footnoteRef:x] [1:  Bron.]'] }));
    expect(err.diagnostic).toMatchObject({ code: 'malformed-footnote-ref', line: 35 });
  });

  it('rejects a footnote text without its closing bracket', () => {
    const err = errorOf(() => parseCrafted({ body: ['Een bewering.[footnoteRef:1] [1:  Bron zonder einde.'] }));
    expect(err.diagnostic).toMatchObject({ code: 'unterminated-footnote-text', line: 35 });
  });

  it('reports a missing file and a directory as unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rijkspers-'));
    try {
      await expect(parseLetterFile(join(dir, 'nope.txt'))).rejects.toMatchObject({ diagnostic: { code: 'unreadable', line: 1 } });
      mkdirSync(join(dir, 'map.txt'));
      await expect(parseLetterFile(join(dir, 'map.txt'))).rejects.toMatchObject({ diagnostic: { code: 'unreadable', message: expect.stringMatching(/directory/u) } });
      writeFileSync(join(dir, 'ok.txt'), letterText());
      await expect(parseLetterFile(join(dir, 'ok.txt'))).resolves.toMatchObject({ letter: { source: { stem: 'ok' } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('warnings', () => {
  it('warns about an unrecognised date and keeps the text', () => {
    const { letter, warnings } = parseCrafted({ date: 'begin maart 2026' });
    expect(letter.date).toEqual({ text: 'begin maart 2026', line: 7 });
    expect(warnings.map((w) => w.code)).toEqual(['unrecognised-date']);
  });

  it('warns when there is no salutation and starts the body after the logo', () => {
    const { letter, warnings } = parseCrafted({ salutation: null, body: ['Bij deze de stand van zaken.'] });
    expect(letter.salutation).toBeUndefined();
    expect(letter.body).toHaveLength(1);
    expect(warnings.map((w) => w.code)).toEqual(['no-salutation']);
  });

  it('describes an image in the body as text and warns', () => {
    const { letter, warnings } = parseCrafted({ body: ['Zie de grafiek.', '', '[image: Grafiek van de wachttijden per regio, 2020–2025]', '', '[image: ]'] });
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'image']);
    expect(warnings.map((w) => w.code)).toEqual(['image-placeholder', 'image-without-alt']);
  });
});
