/**
 * Time limits for the checking tools, scaled with the size of what they check: a fixed limit
 * either fails a big letter on a busy machine or waits for ever on a hung tool. Running out of
 * time is a tool failure (nothing was checked), never a violation of the file.
 */

export interface TimeScale {
  /** Time any file gets, however small (start-up, a page load, a JVM warming up). */
  baseMs: number;
  /** Extra time for each MiB of input. */
  perMiBMs: number;
  /**
   * Extra time for each MiB squared, for tools whose time grows with the square of the input
   * (EPUBCheck's Schematron rules compare every id with every other).
   */
  perMiB2Ms?: number;
}

/** The limit for a file of `bytes`. `RIJKSPERS_TIME_FACTOR` stretches every limit (slow CI, debugging). */
export function timeLimitMs(bytes: number, scale: TimeScale): number {
  const factor = Number(process.env.RIJKSPERS_TIME_FACTOR ?? '1');
  const stretch = Number.isFinite(factor) && factor > 0 ? factor : 1;
  const mib = Math.max(0, bytes) / (1024 * 1024);
  return Math.round((scale.baseMs + mib * scale.perMiBMs + mib * mib * (scale.perMiB2Ms ?? 0)) * stretch);
}

export class TimeLimitError extends Error {
  constructor(readonly what: string, readonly limitMs: number) {
    super(`${what} did not finish within ${(limitMs / 1000).toFixed(1)} s (the limit scales with the file size)`);
    this.name = 'TimeLimitError';
  }
}

/**
 * Resolves with `work`, or rejects with a `TimeLimitError` after `limitMs`. `onTimeout` runs first
 * so the caller can stop the tool (close the page, kill the JVM); `work` is left to settle unobserved.
 */
export async function withTimeLimit<T>(work: Promise<T>, limitMs: number, what: string, onTimeout?: (error: TimeLimitError) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeLimitError(what, limitMs);
      onTimeout?.(error);
      reject(error);
    }, limitMs);
    timer.unref();
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
