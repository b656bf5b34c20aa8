/**
 * Bad .docx files are normal input: each is an `InputError` (exit 2) with a one-line message that
 * names the file and the part or paragraph, no stack trace, and nothing is written.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import { readLetter } from '../../../src/readers/index.js';
import { InputError } from '../../../src/readers/shared/diagnostics.js';
import { NO_PROGRESS } from '../../support/cli.js';
import { FIXTURES, manifest } from './manifest.js';

/** The diagnostic code each kind of broken file gives. */
const CODES: Record<string, string> = {
  'not-a-zip': 'not-a-zip',
  'zip-bomb': 'zip-bomb',
  'too-many-entries': 'too-many-entries',
  encrypted: 'encrypted',
  'macro-enabled': 'macro-enabled',
  'no-main-document': 'no-main-document',
  'malformed-xml': 'malformed-xml',
};

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rijkspers-docx-'));
  dirs.push(d);
  return d;
}

async function inputError(path: string): Promise<InputError> {
  try {
    await readLetter(path);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`${path} was read without an error`);
}

describe('bad .docx files', () => {
  it('covers every bad file of the manifest', () => {
    expect(manifest.bad.map((b) => b.problem).sort()).toEqual(Object.keys(CODES).sort());
  });

  for (const bad of manifest.bad) {
    it(`${bad.file}: ${bad.problem}`, async () => {
      const path = join(FIXTURES, bad.file);
      const err = await inputError(path);
      expect(err.diagnostic).toMatchObject({ severity: 'error', code: CODES[bad.problem], file: path });
      expect(err.diagnostic.message).not.toMatch(/\n|\bat .*:\d+:\d+/u);
      if (bad.part) expect(err.diagnostic.message).toContain(bad.part);
      if (bad.paragraph) {
        expect(err.diagnostic.line).toBe(bad.paragraph);
        expect(err.diagnostic.message).toContain(`paragraph ${bad.paragraph}`);
      }
      if (bad.entries) expect(err.diagnostic.message).toContain(String(bad.entries));
    });
  }

  it('stops inflating a part that unpacks to more than its zip entry declares', async () => {
    // reference-pandoc.docx with word/document.xml 2 MiB of text, its central directory claiming 1 KB.
    const parts = unzipSync(readFileSync(join(FIXTURES, 'reference-pandoc.docx')));
    parts['word/document.xml'] = new TextEncoder().encode(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${'A'.repeat(2 * 1024 * 1024)}</w:t></w:r></w:p></w:body></w:document>`);
    const zip = zipSync(parts, { level: 9 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let eocd = zip.length - 22;
    while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
    for (let at = view.getUint32(eocd + 16, true); view.getUint32(at, true) === 0x02014b50;) {
      const nameLength = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) === 'word/document.xml') view.setUint32(at + 24, 1024, true);
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    const path = join(tempDir(), 'liar.docx');
    writeFileSync(path, zip);
    const err = await inputError(path);
    expect(err.diagnostic).toMatchObject({ code: 'zip-bomb', file: path });
    expect(err.diagnostic.message).toContain('word/document.xml unpacks to more than the 1024 bytes');
  });

  it('refuses a macro-enabled package named .docx by its content type', async () => {
    const path = join(tempDir(), 'macro.docx');
    copyFileSync(join(FIXTURES, 'bad/macro.docm'), path);
    expect((await inputError(path)).diagnostic).toMatchObject({ code: 'macro-enabled', file: path });
  });
});

describe('rijkspers build on bad .docx files', () => {
  let err = '';
  beforeEach(() => {
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
  });
  afterEach(() => { vi.restoreAllMocks(); });

  it('exits 2 for each, prints FILE:N: error: lines without a stack trace, and writes nothing', async () => {
    const out = tempDir();
    const files = manifest.bad.map((b) => join(FIXTURES, b.file));
    const code = await main(['build', ...files, '--out', out, '--no-check'], NO_PROGRESS);
    expect(code).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const [i, file] of files.entries()) expect(lines[i]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:\\d+: error: \\S`, 'u'));
    expect(err).not.toMatch(/\n\s+at /u);
    // Only the folder's report, which lists each of them as not published.
    expect(readdirSync(out)).toEqual(['index.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const b of manifest.bad) expect(index).toContain(b.file.split('/').at(-1));
  });
});
