// The RFC 2822 source of a reply draft: CRLF line endings, RFC 2047 for a non-ASCII subject, the
// threading headers Gmail needs (3.3), a Message-ID and an X-Sales-Agent-Key header derived from
// the idempotency key so a lost response can be reconciled, and a base64 UTF-8 text/plain body.
import { createHash } from 'node:crypto';
import type { CreateDraftInput } from '../../domain/ports/mail.js';

export const IDEMPOTENCY_HEADER = 'X-Sales-Agent-Key';

/** Our own Message-ID for a draft, stable per idempotency key (`rfc822msgid:` finds it). */
export function messageIdForKey(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<sales-agent.${digest}@sales-agent.local>`;
}

/** Header values must not carry line breaks (header injection); fold them away. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** RFC 2047 B-encoding in words of at most 75 characters, never splitting a UTF-8 sequence. */
export function encodeHeaderWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    const next = chunk + char;
    if (Buffer.byteLength(next, 'utf8') > 45) {
      words.push(chunk);
      chunk = char;
    } else chunk = next;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function wrapBase64(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return encoded.match(/.{1,76}/g)?.join('\r\n') ?? '';
}

export function buildRawMessage(input: CreateDraftInput): string {
  const references = [...input.references];
  if (input.inReplyTo !== null && !references.includes(input.inReplyTo)) references.push(input.inReplyTo);
  const headers = [
    `To: ${headerSafe(input.to)}`,
    `Subject: ${encodeHeaderWord(headerSafe(input.subject))}`,
    `Message-ID: ${messageIdForKey(input.idempotencyKey)}`,
    ...(input.inReplyTo === null ? [] : [`In-Reply-To: ${headerSafe(input.inReplyTo)}`]),
    ...(references.length === 0 ? [] : [`References: ${references.map(headerSafe).join(' ')}`]),
    `${IDEMPOTENCY_HEADER}: ${headerSafe(input.idempotencyKey)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
  ];
  const body = input.body.replace(/\r?\n/g, '\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${wrapBase64(body)}\r\n`;
}
