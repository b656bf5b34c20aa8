/**
 * At most `limit` jobs at once, the rest wait in call order. The checkers share one browser and
 * one JVM between every file of a run: a limit keeps a batch from opening forty pages on a
 * two-core machine while still overlapping one file's waiting with another's work.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly drained: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Limiter: limit must be a positive integer, got ${limit}`);
  }

  /** Runs `job` when a slot is free; a failing job frees its slot like any other. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      const next = this.waiting.shift();
      if (next) next();
      else if (this.active === 0) for (const done of this.drained.splice(0)) done();
    }
  }

  /** Jobs running or waiting now. */
  get pending(): number {
    return this.active + this.waiting.length;
  }

  /** Resolves when no job is running or waiting. */
  async idle(): Promise<void> {
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }
}
