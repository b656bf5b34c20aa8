/** The plain-text Word export reader (`.txt`): see the README's input format. */
import type { ReadLetter } from '../types.js';
import { parseLetterFile } from './parse-letter.js';

export const readWordText: ReadLetter = (path, { stem }) => parseLetterFile(path, stem);
