import { describe, expect, it } from 'vitest';
import { asCostlyWork, inTurns, isCostlyWork } from './turns.js';

describe('inTurns', () => {
  it('gives the work every item, a slice at a time, and the results in order', async () => {
    const slices = await inTurns([1, 2, 3, 4, 5, 6, 7], 3, (slice) => slice.join(''));
    expect(slices).toEqual(['123', '456', '7']);
  });

  it('lets other callbacks run between slices', async () => {
    const seen: string[] = [];
    const other = new Promise<void>((resolve) => setImmediate(() => (seen.push('other'), resolve())));
    await inTurns([1, 2], 1, (slice) => seen.push(`slice ${slice[0]}`));
    await other;
    expect(seen.indexOf('other')).toBeLessThan(seen.indexOf('slice 2'));
  });
});

describe('asCostlyWork', () => {
  it('runs one piece of costly work at a time, in the order they came, and goes on after one fails', async () => {
    const seen: string[] = [];
    const piece = (name: string) => async () => {
      seen.push(`${name} starts`);
      await inTurns([1, 2], 1, () => undefined);
      seen.push(`${name} ends`);
    };
    const first = asCostlyWork(piece('first'));
    const failing = asCostlyWork(async () => {
      throw new Error('failed');
    });
    const second = asCostlyWork(piece('second'));
    await expect(failing).rejects.toThrow('failed');
    await Promise.all([first, second]);
    expect(seen).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('tells the work, and what it awaits, that it is costly; nothing else', async () => {
    expect(isCostlyWork()).toBe(false);
    const inside = await asCostlyWork(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return isCostlyWork();
    });
    expect(inside).toBe(true);
    expect(isCostlyWork()).toBe(false);
  });
});
