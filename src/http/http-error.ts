// The error body every response shares ({ code, message, requestId }) and the HTTP-only codes the
// domain's ErrorCode does not name. Domain codes map through HTTP_STATUS; nothing here knows a service.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, type ErrorCode, type FieldProblem } from '../domain/errors.js';

/** Codes that only exist at the HTTP boundary (transport problems, not domain outcomes). */
export type HttpOnlyCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'method-not-allowed'
  | 'send-refused';
export type HttpErrorCode = ErrorCode | HttpOnlyCode;

export interface ErrorBody {
  code: HttpErrorCode;
  message: string;
  requestId: string;
  problems?: FieldProblem[];
  /** For send-refused: which safety check refused. */
  check?: string;
}

/** A transport-level failure raised inside a parser or hook; the error handler turns it into ErrorBody. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: HttpOnlyCode;
  constructor(statusCode: number, code: HttpOnlyCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.code = code;
  }
}

const STATUS_OF_HTTP_CODE: Record<HttpOnlyCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'method-not-allowed': 405,
  'send-refused': 409,
};

export function statusOf(code: HttpErrorCode): number {
  return code in HTTP_STATUS ? HTTP_STATUS[code as ErrorCode] : STATUS_OF_HTTP_CODE[code as HttpOnlyCode];
}

/** The code for a 4xx status raised by Fastify itself (body limit, media type, bad URL). */
export function codeOfClientStatus(status: number): HttpErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
      return 'method-not-allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 415:
      return 'unsupported-media-type';
    case 422:
      return 'validation';
    case 429:
      return 'rate-limited';
    default:
      return 'bad-request';
  }
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: HttpErrorCode,
  message: string,
  extra: { problems?: FieldProblem[]; check?: string; status?: number } = {},
): FastifyReply {
  const body: ErrorBody = { code, message, requestId: request.id };
  if (extra.problems !== undefined) body.problems = extra.problems;
  if (extra.check !== undefined) body.check = extra.check;
  return reply.code(extra.status ?? statusOf(code)).send(body);
}

/** "3 problems: email: ..., formId: ..." so a log line or a toast says everything at once. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  const list = problems.map((p) => (p.field === '' ? p.reason : `${p.field}: ${p.reason}`)).join('; ');
  return `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${list}`;
}
