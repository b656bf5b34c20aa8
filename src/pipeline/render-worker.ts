/**
 * A worker thread of `--jobs N`: renders one letter in memory, like `renderLetter` in the main
 * thread. What it returns must cross the thread boundary as plain data, so an input error or a
 * bug comes back as a tagged result, never as an exception (which would lose its class).
 */
import { InputError } from '../readers/shared/diagnostics.js';
import { renderLetter, type RenderOptions, type RenderResult } from './render-letter.js';

export interface RenderTask {
  input: string;
  options: RenderOptions;
}

export default async function renderTask(task: RenderTask): Promise<RenderResult> {
  try {
    return { kind: 'rendered', rendered: await renderLetter(task.input, task.options) };
  } catch (err) {
    if (err instanceof InputError) return { kind: 'input-error', diagnostic: err.diagnostic };
    return { kind: 'internal-error', message: err instanceof Error ? err.message : String(err), ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
  }
}
