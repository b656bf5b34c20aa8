/**
 * Bad .docx files are normal input: each is an `InputError` (exit 2) with a one-line message that
 * names the file and the part or paragraph, no stack trace, and nothing is written.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import { readLetter } from '../../../src/readers/index.js';
import { InputError } from '../../../src/readers/shared/diagnostics.js';
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
    const code = await main(['build', ...files, '--out', out, '--no-check']);
    expect(code).toBe(2);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(files.length);
    for (const [i, file] of files.entries()) expect(lines[i]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:\\d+: error: \\S`, 'u'));
    expect(err).not.toMatch(/\n\s+at /u);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
