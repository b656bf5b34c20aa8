/** Types of generate-letter.mjs, for TypeScript callers (tests): `import { generateLetter } from '../bench/generate-letter.mjs'`. */
export interface LetterOptions {
  /** Number of `Vraag` blocks (0 gives a letter without annex). */
  questions: number;
  /** PRNG seed (default 1); the same options give the same text. */
  seed?: number;
  /** The `Betreft` line (default: a subject naming the question count). */
  subject?: string;
  /** The date line as written (default `12 februari 2026`). */
  date?: string;
  /** CRLF line ends (default false). */
  crlf?: boolean;
}
/** The text of a letter in the plain-text input format with `questions` questions. */
export function generateLetter(options: LetterOptions): string;
/** Writes `generateLetter(options)` to `path` (UTF-8) and returns the path. */
export function writeLetter(path: string, options: LetterOptions): Promise<string>;
