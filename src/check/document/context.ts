/** What a document rule sees: the letter as the model holds it, before any writer runs. */
import type { Letter } from '../../model/ast.js';

export interface DocumentContext {
  letter: Letter;
}
