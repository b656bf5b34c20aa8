import { afterEach, describe, expect, it } from 'vitest';
import { TimeLimitError, timeLimitMs, withTimeLimit } from '../../src/check/time-limit.js';

describe('time limits', () => {
  const factor = process.env.RIJKSPERS_TIME_FACTOR;
  afterEach(() => {
    if (factor === undefined) delete process.env.RIJKSPERS_TIME_FACTOR;
    else process.env.RIJKSPERS_TIME_FACTOR = factor;
  });

  it('grow with the size of the file, linearly and (for EPUBCheck) with its square', () => {
    delete process.env.RIJKSPERS_TIME_FACTOR;
    const scale = { baseMs: 1000, perMiBMs: 100, perMiB2Ms: 10 };
    expect(timeLimitMs(0, scale)).toBe(1000);
    expect(timeLimitMs(1024 * 1024, scale)).toBe(1110);
    expect(timeLimitMs(4 * 1024 * 1024, scale)).toBe(1000 + 400 + 160);
  });

  it('stretch with RIJKSPERS_TIME_FACTOR, and ignore a factor that is no positive number', () => {
    process.env.RIJKSPERS_TIME_FACTOR = '3';
    expect(timeLimitMs(0, { baseMs: 1000, perMiBMs: 0 })).toBe(3000);
    process.env.RIJKSPERS_TIME_FACTOR = 'snel';
    expect(timeLimitMs(0, { baseMs: 1000, perMiBMs: 0 })).toBe(1000);
  });

  it('settle with the work when it is in time', async () => {
    await expect(withTimeLimit(Promise.resolve('klaar'), 10_000, 'x')).resolves.toBe('klaar');
    await expect(withTimeLimit(Promise.reject(new Error('kapot')), 10_000, 'x')).rejects.toThrow('kapot');
  });

  it('reject with a TimeLimitError naming the work, after stopping it, when it is not', async () => {
    let stopped = false;
    const never = new Promise<never>(() => undefined);
    const error = await withTimeLimit(never, 5, 'EPUBCheck on brief.epub', () => { stopped = true; }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeLimitError);
    expect((error as Error).message).toMatch(/^EPUBCheck on brief\.epub did not finish within 0\.0 s/u);
    expect(stopped).toBe(true);
  });
});
