// Turns an IntakeOutcome into the HTTP answer shared by the webhooks and POST /api/leads. The codes
// follow api-contracts.md 1.3: new -> 202, duplicate or ignored -> 200 (HubSpot must not retry them),
// bad input -> 422 with every problem, overloaded -> 429 with Retry-After in the caller's unit.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IntakeOutcome } from '../services/service-types.js';
import { describeProblems, sendError } from './http-error.js';
import { INTAKE_BUSY_RETRY_AFTER_MS, type IntakeGate } from './intake-gate.js';
import { formatRetryAfter, type RetryAfterUnit } from './retry-after.js';

export function replyWithIntakeOutcome(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: IntakeOutcome,
  unit: RetryAfterUnit,
): FastifyReply {
  switch (outcome.kind) {
    case 'accepted':
      return reply.code(202).send({ runId: outcome.runId, status: 'accepted' });
    case 'duplicate':
      return reply.code(200).send({ runId: outcome.runId, status: 'duplicate' });
    case 'ignored':
      return reply.code(200).send({ status: 'ignored', reason: outcome.reason });
    case 'invalid':
      return sendError(
        request,
        reply,
        'validation',
        `the lead is invalid: ${describeProblems(outcome.problems)}`,
        { problems: outcome.problems },
      );
    case 'saturated':
      return replyBusy(request, reply, outcome.retryAfterMs, unit, 'intake is saturated; retry later');
  }
}

export function replyBusy(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterMs: number,
  unit: RetryAfterUnit,
  message: string,
): FastifyReply {
  reply.header('retry-after', formatRetryAfter(retryAfterMs, unit));
  return sendError(request, reply, 'rate-limited', message);
}

/** Runs intake work (which sends the reply) through the in-flight gate; answers 429 itself when the gate is full. */
export async function throughGate(
  gate: IntakeGate,
  request: FastifyRequest,
  reply: FastifyReply,
  unit: RetryAfterUnit,
  work: () => Promise<unknown>,
): Promise<void> {
  const result = await gate.run(work);
  if (result !== null) return;
  request.log.warn({ inFlight: gate.inFlight() }, 'intake busy: too many requests in flight');
  replyBusy(
    request,
    reply,
    INTAKE_BUSY_RETRY_AFTER_MS,
    unit,
    `too many intake requests in flight (${gate.inFlight()}); retry later`,
  );
}
