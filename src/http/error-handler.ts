// Every failure leaves as { code, message, requestId } (+ problems for validation): schema validation
// 422, AppErrors through HTTP_STATUS, Fastify's own 4xx by status, anything else a generic 500 that
// is logged with the request id and never shows a stack or an internal message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  type ZodFastifySchemaValidationError,
} from 'fastify-type-provider-zod';
import { AppError, HTTP_STATUS, ValidationError, type FieldProblem } from '../domain/errors.js';
import { codeOfClientStatus, describeProblems, HttpError, sendError } from './http-error.js';
import { formatRetryAfter } from './retry-after.js';

const CONTEXT_PREFIX: Record<string, string> = {
  body: '',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** `/items/2/name` in the body -> `items[2].name`; in the query string -> `query.limit`. */
export function toFieldPath(instancePath: string, context: string | undefined): string {
  const segments = instancePath.split('/').filter((s) => s !== '');
  let path = '';
  for (const segment of segments)
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  const prefix = CONTEXT_PREFIX[context ?? 'body'] ?? context ?? '';
  if (prefix === '') return path;
  return path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function toProblems(issues: ZodFastifySchemaValidationError[], context: string | undefined): FieldProblem[] {
  return issues.map((issue) => ({
    field: toFieldPath(issue.instancePath, context),
    reason: issue.message ?? issue.keyword,
  }));
}

export function handleError(
  this: FastifyInstance,
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = toProblems(error.validation, error.validationContext);
    return sendError(request, reply, 'validation', `the request is invalid: ${describeProblems(problems)}`, {
      problems,
    });
  }
  if (error instanceof HttpError)
    return sendError(request, reply, error.code, error.message, { status: error.statusCode });
  if (error instanceof AppError) return replyWithAppError(request, reply, error);
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return sendError(request, reply, codeOfClientStatus(status), error.message, { status });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'internal', 'internal error; quote the request id when reporting it', {
    status: 500,
  });
}

function replyWithAppError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const status = HTTP_STATUS[error.code];
  if (status >= 500) {
    request.log.error({ err: error, code: error.code }, 'request failed');
  }
  if (error.retryAfterMs !== undefined && (status === 429 || status === 503)) {
    const unit = request.url.startsWith('/webhooks/') ? 'ms' : 's';
    reply.header('retry-after', formatRetryAfter(error.retryAfterMs, unit));
  }
  // 5xx messages may carry internals (a driver's text); the log has them, the client gets the code.
  const message =
    status >= 500
      ? `${error.code}: the request could not be completed; quote the request id when reporting it`
      : error.message;
  const problems = error instanceof ValidationError ? [...error.problems] : undefined;
  return sendError(request, reply, error.code, message, {
    status,
    ...(problems === undefined ? {} : { problems }),
  });
}
