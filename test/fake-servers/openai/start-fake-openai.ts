// A local fake of an OpenAI-compatible API on 127.0.0.1 (a free port), faithful to api-contracts.md
// 7.1: POST /v1/chat/completions and GET /v1/models with Bearer auth, the documented response and
// error bodies, 429s with retry-after-ms / retry-after. It records every call and answers from a
// script (in order), then from `respond`. Point OPENAI_BASE_URL at `url` (it includes /v1).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  temperature?: number;
  max_completion_tokens?: number;
  max_tokens?: number;
}

export interface FakeOpenAiCall {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  status: number;
}

/** A completion's content, or an HTTP answer to send instead. */
export type FakeOpenAiReply =
  | { content: string; finishReason?: 'stop' | 'length' }
  | { status: number; body: unknown; headers?: Record<string, string> };

export interface FakeOpenAi {
  /** The base URL to configure, ending in /v1. */
  url: string;
  apiKey: string;
  calls: FakeOpenAiCall[];
  /** Chat requests only, with their parsed bodies. */
  chatRequests(): ChatRequestBody[];
  /** Queue replies for the next chat requests, in order. */
  script(...replies: FakeOpenAiReply[]): void;
  /** Answers chat requests once the script is used up (default: an empty-ish reply). */
  respond: (body: ChatRequestBody) => FakeOpenAiReply;
  close(): Promise<void>;
}

const error = (status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): FakeOpenAiReply => ({
  status,
  body: { error: { message, type, param: null, code } },
  headers,
});

/** The error answers the real API gives (api-contracts.md 7.1). */
export const openAiErrors = {
  rateLimited: (retry: { ms?: number; seconds?: number } = {}): FakeOpenAiReply =>
    error(429, 'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.', 'requests', 'rate_limit_exceeded', {
      ...(retry.ms === undefined ? {} : { 'retry-after-ms': String(retry.ms) }),
      ...(retry.seconds === undefined ? {} : { 'retry-after': String(retry.seconds) }),
      'x-ratelimit-remaining-requests': '0',
    }),
  insufficientQuota: (): FakeOpenAiReply =>
    error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota'),
  serverError: (): FakeOpenAiReply => error(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null),
  invalidApiKey: (): FakeOpenAiReply => error(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
};

export async function startFakeOpenAi(options: { apiKey?: string; models?: string[] } = {}): Promise<FakeOpenAi> {
  const apiKey = options.apiKey ?? 'sk-fake-0123456789abcdef';
  const models = options.models ?? ['gpt-4o-mini'];
  const calls: FakeOpenAiCall[] = [];
  const queue: FakeOpenAiReply[] = [];
  let counter = 0;
  const fake: FakeOpenAi = {
    url: '',
    apiKey,
    calls,
    chatRequests: () => calls.filter((c) => c.path === '/v1/chat/completions').map((c) => c.body as ChatRequestBody),
    script: (...replies) => void queue.push(...replies),
    respond: () => ({ content: '{"subject": "Hello", "body": "Hello"}' }),
    close: () => Promise.resolve(),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = parseJson(await readBody(req));
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const call: FakeOpenAiCall = { method: req.method ?? 'GET', path, headers: req.headers, body, status: 0 };
    calls.push(call);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${calls.length}`, ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendReply(send, openAiErrors.invalidApiKey());
    if (call.method === 'GET' && path === '/v1/models') {
      return send(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
    }
    if (call.method !== 'POST' || path !== '/v1/chat/completions') return sendReply(send, error(404, `Unknown request URL: ${call.method} ${path}`, 'invalid_request_error', 'unknown_url'));
    const request = (body ?? {}) as ChatRequestBody;
    if (typeof request.model !== 'string' || !Array.isArray(request.messages) || request.messages.length === 0) {
      return sendReply(send, error(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter'));
    }
    const reply = queue.shift() ?? fake.respond(request);
    if ('status' in reply) return sendReply(send, reply);
    counter += 1;
    send(200, completion(`chatcmpl-fake${counter}`, request, reply));
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    });
  return fake;
}

function sendReply(send: (status: number, payload: unknown, headers?: Record<string, string>) => void, reply: FakeOpenAiReply): void {
  if ('status' in reply) send(reply.status, reply.body, reply.headers ?? {});
}

const tokens = (text: string): number => Math.max(1, Math.ceil(text.split(/\s+/).filter(Boolean).length * 1.3));

function completion(id: string, request: ChatRequestBody, reply: { content: string; finishReason?: 'stop' | 'length' }): unknown {
  const prompt = tokens((request.messages ?? []).map((m) => m.content).join(' '));
  const completionTokens = tokens(reply.content);
  return {
    id,
    object: 'chat.completion',
    created: 1_709_560_000,
    model: `${request.model ?? 'unknown'}-2024-07-18`,
    choices: [{ index: 0, message: { role: 'assistant', content: reply.content, refusal: null }, finish_reason: reply.finishReason ?? 'stop', logprobs: null }],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
    system_fingerprint: 'fp_fake',
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
