// Test wiring for the Google connectors: an OAuth auth client that talks to the fake's token
// endpoint (so 401 -> refresh -> retry really happens), and a limiter that records its keys.
import { createGoogleAuth, type GoogleAuthClient, type RateLimiter } from '../../../src/connectors/google-auth/index.js';
import type { FakeGoogle } from './start-fake-google.js';

export function createFakeGoogleAuth(fake: FakeGoogle, refreshToken = 'rt-test'): GoogleAuthClient {
  fake.seed.oauthClient('test-client', 'test-secret');
  fake.seed.refreshToken(refreshToken);
  return createGoogleAuth({ kind: 'oauth', clientId: 'test-client', clientSecret: 'test-secret', refreshToken, tokenUrl: `${fake.url}/token` });
}

export interface RecordingLimiter extends RateLimiter {
  keys: string[];
}

export function createRecordingLimiter(): RecordingLimiter {
  const keys: string[] = [];
  return {
    keys,
    schedule<T>(key: string, fn: () => Promise<T>): Promise<T> {
      keys.push(key);
      return fn();
    },
  };
}
