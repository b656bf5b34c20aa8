/** The readers table: which reader takes a file, the stem of its outputs, unknown input types. */
import { describe, expect, it } from 'vitest';
import { READERS, knownExtensions, readLetter, readerFor, stemOf } from '../../src/readers/index.js';
import { parseLetterFile } from '../../src/readers/word-text/parse-letter.js';
import { REFERENCE } from '../support/letters.js';

describe('the readers table', () => {
  it('picks a reader by extension, case-insensitively', () => {
    expect(READERS.map((r) => r.name)).toContain('word-text');
    expect(readerFor('brief.txt')?.name).toBe('word-text');
    expect(readerFor('map/BRIEF.TXT')?.name).toBe('word-text');
    // Changed on purpose: Word documents have a reader of their own (.docm only to be refused).
    expect(readerFor('brief.docx')?.name).toBe('docx');
    expect(readerFor('map/BRIEF.DOCM')?.name).toBe('docx');
    expect(readerFor('brief.odt')).toBeUndefined();
    expect(knownExtensions()).toEqual(expect.arrayContaining(['.txt', '.docx']));
  });

  it('names the outputs after the file without directory and reader extension', () => {
    expect(stemOf('input/000_4c8a1616a76a7555.txt')).toBe('000_4c8a1616a76a7555');
    expect(stemOf('/tmp/Brief.TXT')).toBe('Brief');
    expect(stemOf('a/b/brief.v2.txt')).toBe('brief.v2');
    expect(stemOf('notities.md')).toBe('notities.md');
  });

  it('reads a letter with the reader its extension names, exactly as that reader does', async () => {
    const viaTable = await readLetter(REFERENCE);
    const direct = await parseLetterFile(REFERENCE, stemOf(REFERENCE));
    expect(viaTable).toEqual(direct);
    expect(viaTable.letter.source).toEqual({ path: REFERENCE, stem: '000_4c8a1616a76a7555' });
  });

  it('refuses a file no reader takes as an input error at line 1', async () => {
    await expect(readLetter('brief.odt')).rejects.toMatchObject({
      diagnostic: { severity: 'error', code: 'unknown-input-type', file: 'brief.odt', line: 1, message: expect.stringMatching(/\.txt.*\.docx/u) },
    });
  });
});
