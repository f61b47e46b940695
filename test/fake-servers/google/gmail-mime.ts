// MIME for the fake mailbox: builds Gmail's parsed `payload` tree for seeded messages (nested
// multipart, base64url bodies with or without padding) and parses the raw RFC 2822 source of a
// draft the way Gmail does (folded headers, RFC 2047 words, base64 / quoted-printable bodies).
import type { FakePart, MessageHeader } from './fake-google-state.js';

export interface SeedBody {
  text?: string;
  html?: string;
  attachment?: { filename: string; mimeType: string; content: string };
  /** Keep `=` padding on body.data (Gmail is inconsistent; adapters must accept both). */
  padBodies?: boolean;
}

function encodeBody(text: string, pad: boolean): { size: number; data: string } {
  const bytes = Buffer.from(text, 'utf8');
  const unpadded = bytes.toString('base64url');
  const data = pad ? unpadded.padEnd(Math.ceil(unpadded.length / 4) * 4, '=') : unpadded;
  return { size: bytes.length, data };
}

function leaf(partId: string, mimeType: string, text: string, pad: boolean): FakePart {
  return {
    partId,
    mimeType,
    filename: '',
    headers: [
      { name: 'Content-Type', value: `${mimeType}; charset="UTF-8"` },
      { name: 'Content-Transfer-Encoding', value: 'quoted-printable' },
    ],
    body: encodeBody(text, pad),
  };
}

function renumber(part: FakePart, partId: string): FakePart {
  return { ...part, partId, ...(part.parts ? { parts: part.parts.map((p, i) => renumber(p, partId === '' ? String(i) : `${partId}.${i}`)) } : {}) };
}

/** The payload tree: text/plain, text/html, multipart/alternative, or all of it inside multipart/mixed. */
export function buildPayload(headers: MessageHeader[], body: SeedBody, attachmentId: string): FakePart {
  const pad = body.padBodies ?? false;
  const leaves: FakePart[] = [];
  if (body.text !== undefined) leaves.push(leaf('', 'text/plain', body.text, pad));
  if (body.html !== undefined) leaves.push(leaf('', 'text/html', body.html, pad));
  if (leaves.length === 0) leaves.push(leaf('', 'text/plain', '', pad));
  let content: FakePart =
    leaves.length === 1 ? leaves[0]! : { partId: '', mimeType: 'multipart/alternative', filename: '', headers: [], body: { size: 0 }, parts: leaves };
  if (body.attachment !== undefined) {
    const attachment: FakePart = {
      partId: '',
      mimeType: body.attachment.mimeType,
      filename: body.attachment.filename,
      headers: [{ name: 'Content-Disposition', value: `attachment; filename="${body.attachment.filename}"` }],
      body: { size: Buffer.byteLength(body.attachment.content), attachmentId },
    };
    content = { partId: '', mimeType: 'multipart/mixed', filename: '', headers: [], body: { size: 0 }, parts: [content, attachment] };
  }
  const root = renumber(content, '');
  return { ...root, headers: [...headers, ...root.headers.filter((h) => !headers.some((x) => x.name.toLowerCase() === h.name.toLowerCase()))] };
}

export interface ParsedRaw {
  headers: MessageHeader[];
  /** The decoded body text. */
  text: string;
  mimeType: string;
}

/** Parses a single-part RFC 2822 message (what the adapters create). */
export function parseRawMessage(raw: string): ParsedRaw {
  const split = /\r?\n\r?\n/.exec(raw);
  const headerBlock = split === null ? raw : raw.slice(0, split.index);
  const bodyBlock = split === null ? '' : raw.slice(split.index + split[0].length);
  const headers: MessageHeader[] = [];
  for (const line of headerBlock.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last !== undefined) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  for (const header of headers) header.value = decodeEncodedWords(header.value);
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? 'text/plain';
  const encoding = (headers.find((h) => h.name.toLowerCase() === 'content-transfer-encoding')?.value ?? '7bit').toLowerCase();
  return { headers, text: decodeTransfer(bodyBlock, encoding), mimeType: contentType.split(';')[0]!.trim().toLowerCase() };
}

function decodeTransfer(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** RFC 2047: =?charset?B|Q?text?= words, adjacent words joined without the space between them. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, text: string) => {
      if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    });
}

/** Gmail's snippet: the start of the text on one line, HTML stripped. */
export function makeSnippet(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
}
