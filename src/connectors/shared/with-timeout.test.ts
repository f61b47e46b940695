import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransientError } from '../../domain/errors.js';
import { withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('gives the result when the work finishes in time', async () => {
    assert.equal(await withTimeout(Promise.resolve(42), 1000, 'answer'), 42);
  });

  it('rejects with a TransientError naming the work when it takes too long', async () => {
    const never = new Promise<never>(() => undefined);
    await assert.rejects(withTimeout(never, 10, 'HubSpot getContact (101)'), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.message, 'HubSpot getContact (101) timed out after 10 ms');
      return true;
    });
  });

  it("passes the work's own failure through", async () => {
    const failure = new Error('boom');
    await assert.rejects(withTimeout(Promise.reject(failure), 1000, 'x'), failure);
  });
});
