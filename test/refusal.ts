import { KizunaError } from '../src/errors.js';

/** The KizunaError a promise is refused with; fails the test if it succeeds or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<KizunaError & { retryAfter?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KizunaError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
