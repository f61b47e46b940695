import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { openAiErrors, startFakeOpenAi, type FakeOpenAi } from '../../../test/fake-servers/openai/index.js';
import { createOpenAiLlm } from './create-openai-llm.js';

let fake: FakeOpenAi;
before(async () => {
  fake = await startFakeOpenAi();
});
after(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

const llm = (apiKey = fake.apiKey) => createOpenAiLlm({ apiKey, baseUrl: fake.url, model: 'gpt-4o-mini', tenantId: 't1' });
const ask = (client = llm()) => client.complete([{ role: 'user', content: 'Write a short reply' }], { temperature: 0.2, maxTokens: 300 });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('OpenAI-compatible LLM adapter', () => {
  it('sends the model, messages and token cap, and returns the content with its token usage', async () => {
    fake.script({ content: 'Hi Priya' });
    const result = await ask();
    assert.equal(result.content, 'Hi Priya');
    assert.equal(result.model, 'gpt-4o-mini-2024-07-18');
    assert.ok(result.usage.promptTokens > 0 && result.usage.completionTokens > 0);
    const [request] = fake.chatRequests();
    assert.equal(request?.model, 'gpt-4o-mini');
    assert.equal(request?.max_completion_tokens, 300);
    assert.equal(fake.calls[0]?.headers.authorization, `Bearer ${fake.apiKey}`);
  });

  it('reports a rate limit as retryable after the server\'s retry-after-ms, without retrying itself', async () => {
    fake.script(openAiErrors.rateLimited({ ms: 1500, seconds: 9 }));
    const error = await failure(ask());
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.retryAfterMs, 1500);
    assert.equal(fake.calls.length, 1);
  });

  it('falls back to retry-after seconds when retry-after-ms is absent', async () => {
    fake.script(openAiErrors.rateLimited({ seconds: 7 }));
    assert.equal((await failure(ask())).retryAfterMs, 7000);
  });

  it('treats insufficient_quota as an exhausted quota (pause), never as a rate limit', async () => {
    fake.script(openAiErrors.insufficientQuota());
    const error = await failure(ask());
    assert.equal(error.code, 'quota-exhausted');
    assert.equal(fake.calls.length, 1, 'the SDK must not retry it');
  });

  it('classifies a 500 as transient and a bad key as needing a person', async () => {
    fake.script(openAiErrors.serverError());
    assert.equal((await failure(ask())).code, 'transient');
    assert.equal(fake.calls.length, 1);
    assert.equal((await failure(ask(llm('sk-wrong-key-000000')))).code, 'needs-reauth');
  });

  it('refuses a truncated answer', async () => {
    fake.script({ content: 'Hi Pri', finishReason: 'length' });
    assert.equal((await failure(ask())).code, 'permanent');
  });

  it('lists models as the cheap probe', async () => {
    assert.deepEqual(await llm().listModels(), ['gpt-4o-mini']);
    assert.equal(fake.calls[0]?.path, '/v1/models');
  });

  it('names a connection failure transient', async () => {
    const client = createOpenAiLlm({ apiKey: 'sk-x', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', tenantId: 't1', timeoutMs: 2000 });
    assert.equal((await failure(ask(client))).code, 'transient');
  });
});
