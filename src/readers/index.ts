/**
 * The readers rijkspers knows, one row each: which file names a reader takes and where its code
 * is. The pipeline picks a reader by this table, never by name; a new input format is one folder
 * under `src/readers/` and one row here.
 */
import { basename } from 'node:path';
import { InputError } from './shared/diagnostics.js';
import type { ParseResult, ReadLetter } from './types.js';

export type { ParseResult, ReadLetter } from './types.js';

export interface ReaderSpec {
  /** Folder name under `src/readers/`. */
  name: string;
  /** What users call the input, for help texts and messages. */
  description: string;
  /** File name endings, lower case, with the dot. */
  extensions: readonly string[];
  /** Loaded on first use: a run without `.docx` inputs never loads the Word reader. */
  load(): Promise<ReadLetter>;
}

export const READERS: readonly ReaderSpec[] = [
  {
    name: 'word-text',
    description: 'plain-text export from Word (UTF-8, "Plain Text")',
    extensions: ['.txt'],
    load: async () => (await import('./word-text/index.js')).readWordText,
  },
  {
    name: 'docx',
    // `.docm` is taken only to be refused with its reason (macros), not as an unknown file type.
    description: 'Word document (.docx)',
    extensions: ['.docx', '.docm'],
    load: async () => (await import('./docx/index.js')).readDocx,
  },
];

/** The reader for a file name, by its extension. */
export function readerFor(path: string): ReaderSpec | undefined {
  const lower = path.toLowerCase();
  return READERS.find((r) => r.extensions.some((ext) => lower.endsWith(ext)));
}

/** The file name without directory and reader extension: the stem of every output file of the letter. */
export function stemOf(path: string): string {
  const name = basename(path);
  const ext = readerFor(name)?.extensions.find((e) => name.toLowerCase().endsWith(e));
  return ext ? name.slice(0, name.length - ext.length) : name;
}

/** Every extension any reader takes, for messages: `.txt`, `.docx`. */
export function knownExtensions(): string[] {
  return READERS.flatMap((r) => [...r.extensions]);
}

/** Reads one letter with the reader its extension names; an unknown extension is an input error. */
export async function readLetter(path: string): Promise<ParseResult> {
  const spec = readerFor(path);
  if (!spec) {
    throw new InputError(path, 1, 'unknown-input-type',
      `cannot read this kind of file: rijkspers reads ${READERS.map((r) => `${r.extensions.join('/')} (${r.description})`).join(', ')}`);
  }
  const read = await spec.load();
  return read(path, { stem: stemOf(path) });
}
