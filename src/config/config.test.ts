import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getPublicBaseUrl, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const result = loadConfig({});
    assert.ok(result.ok);
    assert.equal(result.config.server.port, 3000);
    assert.equal(result.config.server.host, '127.0.0.1');
    assert.equal(result.config.database.databaseUrl, null);
    assert.equal(result.config.database.dataDir, './.data');
    assert.equal(result.config.queue.redisUrl, null);
    assert.equal(result.config.sendKillSwitch, false);
    assert.equal(getPublicBaseUrl(result.config), 'http://localhost:3000');
  });

  it('reads the environment into typed slices', () => {
    const result = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      HUBSPOT_FORM_IDS: ' a-1 , b-2 ,',
      SEND_KILL_SWITCH: '1',
      WORKER_CONCURRENCY: '8',
    });
    assert.ok(result.ok);
    assert.equal(result.config.server.port, 8080);
    assert.deepEqual(result.config.hubspot.formIds, ['a-1', 'b-2']);
    assert.equal(result.config.sendKillSwitch, true);
    assert.equal(result.config.queue.concurrency, 8);
  });

  it('lists every bad setting by its variable name', () => {
    const result = loadConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'not a url', WORKER_CONCURRENCY: '0', SEND_KILL_SWITCH: 'maybe' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.problems.some((p) => p.startsWith('SEND_KILL_SWITCH')), result.problems.join('\n'));
  });

  it('names each invalid value once the flags parse', () => {
    const result = loadConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'not a url', WORKER_CONCURRENCY: '0' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    const names = result.problems.map((p) => p.split(':')[0]).sort();
    assert.deepEqual(names, ['PORT', 'PUBLIC_BASE_URL', 'WORKER_CONCURRENCY']);
  });
});
