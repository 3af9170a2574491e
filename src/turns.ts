import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Costly work (a ranking, an export) shares the event loop with everyone else's requests. It runs
 * one piece of costly work at a time in a process, the others waiting their turn, and gives the
 * loop a turn before each of its queries and between slices of its own long loops, so that another
 * request waits for one short piece at most rather than for the whole of it.
 */
const costly = new AsyncLocalStorage<true>();
/** The latest piece of costly work in line: each waits for the one before it. */
let latest: Promise<unknown> = Promise.resolve();

/** Runs costly work once the costly work before it is done. */
export function asCostlyWork<T>(work: () => Promise<T>): Promise<T> {
  const done = latest.then(() => costly.run(true, work));
  latest = done.catch(() => undefined);
  return done;
}

/** Whether the caller is costly work, whose queries should give others a turn first. */
export const isCostlyWork = () => costly.getStore() === true;

export { nextTurn };

/** Does work over many items a slice at a time, giving the event loop a turn before each slice: a slice should take a few milliseconds. */
export async function inTurns<Item, Result>(items: readonly Item[], sliceSize: number, work: (slice: readonly Item[]) => Result): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < items.length; start += sliceSize) {
    await nextTurn();
    results.push(work(items.slice(start, start + sliceSize)));
  }
  return results;
}
