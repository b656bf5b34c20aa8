/**
 * Where letters are rendered: in this thread, or in a pool of worker threads (`--jobs N`, a
 * well-kept pool: piscina) so a batch uses every core. Both give the same bytes: rendering
 * depends on the letter and the house style only.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RenderOptions, RenderResult } from './render-letter.js';

export interface Renderer {
  render(input: string, options: RenderOptions): Promise<RenderResult>;
  close(): Promise<void>;
}

/** The default number of jobs: one per core. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Rendering in this thread; the renderer's modules load on the first letter (a worker loads its own). */
export const inThread: Renderer = {
  render: async (input, options) => (await import('./render-worker.js')).default({ input, options }),
  close: async () => {},
};

/** A worker pool of `threads`; each worker loads the renderer once and keeps its caches (fonts, shaped words). */
export async function workerPool(threads: number): Promise<Renderer> {
  const worker = new URL('./render-worker.js', import.meta.url);
  // Run from the TypeScript sources (the tests) there is no compiled worker to start: one thread.
  if (!existsSync(fileURLToPath(worker))) return inThread;
  const { Piscina } = await import('piscina');
  const pool = new Piscina({
    filename: worker.href,
    minThreads: threads,
    maxThreads: threads,
    // Letters differ little in cost; a worker takes the next when it is done.
    concurrentTasksPerWorker: 1,
  });
  return {
    render: (input, options) => pool.run({ input, options }) as Promise<RenderResult>,
    close: () => pool.destroy(),
  };
}
