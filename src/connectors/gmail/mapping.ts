// Gmail's shapes to ours, pure: headers matched case-insensitively, the plain-text body found in
// nested multipart (text/plain preferred, else text/html stripped), base64url with or without
// padding, address lists split outside quotes, and the search queries we send.
import type { MailMessage, MailThread } from '../../domain/ports/mail.js';
import type { MessageHeader, MessagePart, Thread } from './schemas.js';

export function findHeader(headers: readonly MessageHeader[] | undefined, name: string): string | null {
  const lower = name.toLowerCase();
  return headers?.find((h) => h.name.toLowerCase() === lower)?.value ?? null;
}

/** "Doe, Jane" <jane@acme.com>, bob@x.com → two entries; commas inside quotes or <> do not split. */
export function splitAddressList(value: string | null): string[] {
  if (value === null) return [];
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle += 1;
    else if (!quoted && c === '>') angle = Math.max(0, angle - 1);
    if (c === ',' && !quoted && angle === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

function charsetOf(part: MessagePart): string {
  const contentType = findHeader(part.headers, 'content-type') ?? '';
  return /charset="?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
}

function decodeData(part: MessagePart): string {
  const bytes = Buffer.from(part.body?.data ?? '', 'base64url');
  try {
    return new TextDecoder(charsetOf(part)).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function findPart(part: MessagePart, mimeType: string): MessagePart | null {
  const isAttachment = (part.filename ?? '') !== '' || /^attachment/i.test(findHeader(part.headers, 'content-disposition') ?? '');
  if (!isAttachment && part.mimeType?.toLowerCase() === mimeType && part.body?.data !== undefined) return part;
  for (const child of part.parts ?? []) {
    const found = findPart(child, mimeType);
    if (found !== null) return found;
  }
  return null;
}

export function extractPlainText(payload: MessagePart | undefined): string {
  if (payload === undefined) return '';
  const plain = findPart(payload, 'text/plain');
  if (plain !== null) return decodeData(plain).replace(/\r\n/g, '\n');
  const html = findPart(payload, 'text/html');
  return html === null ? '' : htmlToText(decodeData(html));
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#39);/gi, (whole, name: string) => {
      if (/^#x/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (/^#\d+$/.test(name) && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function mapThread(thread: Thread): MailThread {
  const messages = thread.messages.map((m): MailMessage => {
    const headers = m.payload?.headers;
    return {
      id: m.id,
      messageIdHeader: findHeader(headers, 'message-id'),
      from: findHeader(headers, 'from') ?? '',
      to: splitAddressList(findHeader(headers, 'to')),
      cc: splitAddressList(findHeader(headers, 'cc')),
      subject: findHeader(headers, 'subject') ?? '',
      sentAt: new Date(Number(m.internalDate)).toISOString(),
      body: extractPlainText(m.payload),
      labelIds: [...m.labelIds],
    };
  });
  return {
    id: thread.id,
    subject: messages[0]?.subject ?? '',
    messages,
    labelIds: [...new Set(messages.flatMap((m) => m.labelIds))],
  };
}

/** Epoch ms of the newest message that is not a draft, or null when there is none. */
export function findLastMessageAt(thread: Thread): number | null {
  const dates = thread.messages.filter((m) => !m.labelIds.includes('DRAFT')).map((m) => Number(m.internalDate));
  return dates.length === 0 ? null : Math.max(...dates);
}

/** Gmail reads `after:YYYY/MM/DD` as midnight Pacific; a day earlier in UTC covers every zone. */
export function buildThreadSearch(email: string, sinceMs: number): string {
  const day = new Date(sinceMs - 86_400_000);
  const date = `${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}`;
  return `(from:${email} OR to:${email} OR cc:${email}) after:${date}`;
}

export function buildInboundSearch(email: string, sinceMs: number): string {
  return `from:${email} after:${Math.floor(sinceMs / 1000)}`;
}

/** Addresses go into search queries unquoted; anything that could change the query is refused. */
export function isSearchableAddress(email: string): boolean {
  return /^[^\s()"{}:]+@[^\s()"{}:]+$/.test(email);
}
