// Bounds how long a call may take. It cannot cancel the work (the HubSpot SDK takes no AbortSignal),
// only stop waiting for it: the late result is dropped and the caller gets a TransientError.
import { TransientError } from '../../domain/errors.js';

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new TransientError(`${what} timed out after ${ms} ms`, { details: { timeoutMs: ms } }));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
