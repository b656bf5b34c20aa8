import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/util/limiter.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('Limiter', () => {
  it('runs at most `limit` jobs at once, the rest in call order', async () => {
    const limiter = new Limiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) => limiter.run(async () => { started.push(i); await g.promise; return i; }));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(limiter.pending).toBe(4);
    gates[1]!.resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    gates[3]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a failing job and reports idle when everything is done', async () => {
    const limiter = new Limiter(1);
    const failed = limiter.run(async () => { throw new Error('kapot'); });
    const after = limiter.run(async () => 'daarna');
    await expect(failed).rejects.toThrow('kapot');
    await expect(after).resolves.toBe('daarna');
    await limiter.idle();
    expect(limiter.pending).toBe(0);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
  });
});
