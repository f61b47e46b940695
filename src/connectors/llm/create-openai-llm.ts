// The LLM port on any OpenAI-compatible Chat Completions endpoint, through the official `openai`
// client with its retries off (it would retry `insufficient_quota` too): every failure is classified
// and the caller decides. It knows nothing of drafts; the workflow builds the prompt.
import { OpenAI } from 'openai';
import { PermanentError } from '../../domain/errors.js';
import type { LlmCompletion, LlmMessage, LlmPort } from '../../domain/ports/llm.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { classifyOpenAiError } from './classify-openai-error.js';

export interface OpenAiLlmOptions {
  apiKey: string;
  /** `https://api.openai.com/v1`, a compatible server's base, or a fake's URL in tests. */
  baseUrl: string;
  model: string;
  tenantId: string;
  /** Per request, default 60 s. */
  timeoutMs?: number;
  /** Keyed `llm:<tenantId>`; none means no client-side limit. */
  limiter?: RateLimiter;
  now?: () => number;
}

export interface OpenAiLlm extends LlmPort {
  /** One cheap read for `check-secrets`: the models the key can see. */
  listModels(): Promise<string[]>;
}

export function createOpenAiLlm(options: OpenAiLlmOptions): OpenAiLlm {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  const now = options.now ?? Date.now;
  const limited = <T>(fn: () => Promise<T>): Promise<T> =>
    options.limiter ? options.limiter.schedule(`llm:${options.tenantId}`, fn) : fn();
  const run = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await limited(fn);
    } catch (error) {
      throw classifyOpenAiError(error, operation, now());
    }
  };
  return {
    complete: (messages, settings) => run('chat.completions', () => complete(client, options, messages, settings)),
    listModels: () => run('models.list', async () => (await client.models.list()).data.map((m) => m.id)),
  };
}

async function complete(
  client: OpenAI,
  options: OpenAiLlmOptions,
  messages: LlmMessage[],
  settings: { temperature: number; maxTokens: number },
): Promise<LlmCompletion> {
  const response = await client.chat.completions.create({
    model: options.model,
    messages,
    temperature: settings.temperature,
    max_completion_tokens: settings.maxTokens,
    user: options.tenantId,
  });
  const choice = response.choices[0];
  const content = choice?.message.content ?? null;
  if (choice === undefined || content === null) {
    throw new PermanentError(`LLM chat.completions returned no content (finish_reason ${choice?.finish_reason ?? 'none'})`);
  }
  if (choice.finish_reason === 'length') throw new PermanentError('LLM chat.completions stopped at max tokens: the draft is truncated');
  return {
    content,
    model: response.model,
    usage: { promptTokens: response.usage?.prompt_tokens ?? 0, completionTokens: response.usage?.completion_tokens ?? 0 },
  };
}
