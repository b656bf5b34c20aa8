/** Word-order checks: every word of the letter, in order, in what a reader of an output gets. */
import { splitWords } from '../../src/model/text.js';

/**
 * Where `expected` stops being a subsequence of the words of `text` (the output may add words of
 * its own: labels, headings, back-links). Undefined when every word is there in order.
 */
export function firstMissingWord(expected: readonly string[], text: string): string | undefined {
  const have = splitWords(text);
  let at = 0;
  for (const [i, word] of expected.entries()) {
    const found = have.indexOf(word, at);
    if (found < 0) {
      return `word ${i} "${word}" is missing after "${have.slice(Math.max(0, at - 8), at).join(' ')}" (expected before it: "${expected.slice(Math.max(0, i - 8), i).join(' ')}")`;
    }
    at = found + 1;
  }
  return undefined;
}
