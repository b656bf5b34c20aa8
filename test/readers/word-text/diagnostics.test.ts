/** Every input error stops with FILE:LINE and a clear message; warnings are collected, never thrown. */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, mkdirSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, formatDiagnostic } from '../../../src/readers/shared/diagnostics.js';
import { MAX_LINK_LENGTH } from '../../../src/readers/shared/links.js';
import { MAX_INPUT_BYTES } from '../../../src/readers/shared/read-file.js';
import { parseLetterFile, parseLetterText } from '../../../src/readers/word-text/parse-letter.js';
import { decodeLines } from '../../../src/readers/word-text/read-input.js';
import { letterText, parseCrafted } from '../../support/letters.js';

const dir = mkdtempSync(join(tmpdir(), 'rijkspers-diagnostics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    ['not a letter', 'Boodschappenlijst\n\nmelk\nbrood\n', 'not-a-letter', 1, /no letter structure found.*Datum.*Betreft/u],
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

  it('reports a missing file as unreadable', async () => {
    await expect(parseLetterFile(join(dir, 'nope.txt'))).rejects.toMatchObject({ diagnostic: { code: 'unreadable', line: 1, message: expect.stringMatching(/no such file/u) } });
    writeFileSync(join(dir, 'ok.txt'), letterText());
    await expect(parseLetterFile(join(dir, 'ok.txt'))).resolves.toMatchObject({ letter: { source: { stem: 'ok' } } });
  });

  // Changed on purpose (issue 8): anything but a regular file is refused before it is opened
  // (was: a directory was "unreadable" after a failed read).
  it('refuses a directory, a named pipe and a device as not-a-file, at line 1', async () => {
    mkdirSync(join(dir, 'map.txt'));
    await expect(parseLetterFile(join(dir, 'map.txt'))).rejects.toMatchObject({ diagnostic: { code: 'not-a-file', line: 1, message: expect.stringMatching(/a directory/u) } });
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    await expect(parseLetterFile(join(dir, 'pipe.txt'))).rejects.toMatchObject({ diagnostic: { code: 'not-a-file', line: 1, message: expect.stringMatching(/named pipe/u) } });
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    await expect(parseLetterFile(join(dir, 'zero.txt'))).rejects.toMatchObject({ diagnostic: { code: 'not-a-file', line: 1, message: expect.stringMatching(/character device/u) } });
  });

  it('refuses a file larger than a letter can be, without reading it', async () => {
    const big = join(dir, 'groot.txt');
    // A sparse file: its size is on record, no 20 MB are written.
    const fd = openSync(big, 'w');
    closeSync(fd);
    execFileSync('truncate', ['-s', String(MAX_INPUT_BYTES + 1), big]);
    await expect(parseLetterFile(big)).rejects.toMatchObject({ diagnostic: { code: 'too-large', line: 1, message: expect.stringMatching(/20 MB/u) } });
  });

  // Changed on purpose (issue 8): UTF-16 is recognised and reported at line 1 (the UTF-8 check
  // used to name a misleading later line, NUL bytes being valid UTF-8).
  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(letterText(), 'utf16le')])],
    ['UTF-16 LE without BOM', Buffer.from(letterText(), 'utf16le')],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(letterText(), 'utf16le').swap16()])],
  ])('rejects %s at line 1', (_name, bytes) => {
    const err = errorOf(parseBytes(bytes));
    expect(err.diagnostic).toMatchObject({ code: 'not-utf8', line: 1 });
    expect(err.diagnostic.message).toMatch(/UTF-16/u);
  });
});

describe('characters no publication may hold', () => {
  // Changed on purpose (issue 8): noncharacters and C1 controls are left out with a warning at
  // their line (XML, and so XHTML and XMP, cannot hold them; HTML parsers reject C1 controls).
  it('drops noncharacters and C1 controls with a forbidden-character warning at their line', () => {
    const { letter, warnings } = parseCrafted({ body: ['Een zin met\ufffe een niet-teken en een C1-teken\u0085 erin.', '', 'Nog\ufdd0 een\uffff.'] });
    expect(letter.body.map((b) => (b.type === 'paragraph' ? b.content.map((i) => (i.type === 'noteRef' ? i.label : i.type === 'break' ? '\n' : i.text)).join('') : b.type)))
      .toEqual(['Een zin met een niet-teken en een C1-teken erin.', 'Nog een.']);
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['forbidden-character', 35], ['forbidden-character', 37]]);
    expect(warnings[0]!.message).toMatch(/2 characters .*U\+FFFE, U\+0085.*column 12/u);
    expect(warnings[1]!.message).toMatch(/U\+FDD0, U\+FFFF/u);
    expect(JSON.stringify(letter)).not.toMatch(/[\ufffe\uffff\ufdd0\u0085]/u);
  });

  it('drops them from the letterhead too, and only there where they are', () => {
    const { letter, warnings } = parseCrafted({ subject: 'Voortgang\u009f van de proef' });
    expect(letter.subject.text).toBe('Voortgang van de proef');
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['forbidden-character', 9]]);
  });

  it('still refuses C0 controls and DEL as binary data', () => {
    expect(errorOf(parseBytes(letterText({ body: ['Tekst\u007f.'] }))).diagnostic).toMatchObject({ code: 'binary', line: 35 });
    expect(() => decodeLines('x.txt', Buffer.from('a\tb\r\nc'))).not.toThrow();
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

  it('publishes an address longer than 8,000 characters as text, shortened, with a warning at its line; one of 8,000 stays a link', () => {
    const address = (length: number): string => {
      let url = 'https://www.example.org/';
      for (let i = 0; url.length < length; i++) url += `deel-${String(i).padStart(4, '0')}/`;
      return url.slice(0, length);
    };
    const [ok, tooLong] = [address(MAX_LINK_LENGTH), address(MAX_LINK_LENGTH + 1)];
    const { letter, warnings } = parseCrafted({ body: [`Zie ${ok} en verder.`, '', `Zie ook ${tooLong} en verder.`] });
    const [first, second] = letter.body.map((b) => (b.type === 'paragraph' ? b.content : []));
    expect(first!.filter((i) => i.type === 'link').map((l) => l.type === 'link' && l.href)).toEqual([ok]);
    expect(second!.some((i) => i.type === 'link')).toBe(false);
    expect(second!.map((i) => (i.type === 'text' ? i.text : '')).join('')).toBe(`Zie ook ${tooLong.slice(0, 200)}…${tooLong.slice(-20)} en verder.`);
    expect(warnings.map((w) => [w.code, w.line, w.severity])).toEqual([['link-too-long', 37, 'warning']]);
    expect(warnings[0]!.message).toBe('a web address of 8,001 characters is published as text, not as a link, shortened to its first 200 and last 20 characters: no browser or server takes addresses longer than about 8,000');
  });

  it('describes an image in the body as text and warns', () => {
    const { letter, warnings } = parseCrafted({ body: ['Zie de grafiek.', '', '[image: Grafiek van de wachttijden per regio, 2020–2025]', '', '[image: ]'] });
    expect(letter.body.map((b) => b.type)).toEqual(['paragraph', 'image']);
    expect(warnings.map((w) => w.code)).toEqual(['image-placeholder', 'image-without-alt']);
  });
});
