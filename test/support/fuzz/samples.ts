/**
 * The letters the fuzz harness mutates: the three samples in `input/` and the eight unseen letters
 * in `test/fixtures/letters/unseen/`, as text (a BOM stays a U+FEFF character, CRLF stays CRLF).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface Sample {
  /** Path relative to the repository, for reports. */
  name: string;
  text: string;
}

function lettersIn(dir: string): Sample[] {
  return readdirSync(join(REPO, dir))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(REPO, dir, f)).toString('utf8') }));
}

export const SAMPLES: readonly Sample[] = [...lettersIn('input'), ...lettersIn('test/fixtures/letters/unseen')];
