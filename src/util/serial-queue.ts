/**
 * Runs jobs one at a time in call order. A checker backed by one long-lived process (a JVM, a
 * browser page pool) must not interleave two files; a failed job does not stop the ones after it.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every job queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
