// Request ids: keep the caller's x-request-id when it is a sane token (so a trace spans systems),
// otherwise mint a UUID. Never trust an arbitrary header value into logs unchecked.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

const VALID_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isValidRequestId(value: string): boolean {
  return VALID_REQUEST_ID.test(value);
}

export function generateRequestId(request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value !== undefined && isValidRequestId(value) ? value : randomUUID();
}
