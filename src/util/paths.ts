import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: `src/util/paths.ts` and `dist/util/paths.js` are both two levels down. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
