// Unit tests of the Gmail mapping and the raw-message builder: body extraction, address lists,
// RFC 2047 subjects (property-tested against an independent decoder) and header safety.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeEncodedWords, parseRawMessage } from '../../../test/fake-servers/google/gmail-mime.js';
import { buildRawMessage, encodeHeaderWord, messageIdForKey } from './build-raw-message.js';
import { extractPlainText, htmlToText, splitAddressList } from './mapping.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('extractPlainText', () => {
  it('prefers text/plain deep inside multipart and skips attachments', () => {
    const payload = {
      mimeType: 'multipart/mixed',
      parts: [
        { mimeType: 'text/plain', filename: 'notes.txt', body: { data: b64('attachment text') } },
        { mimeType: 'multipart/alternative', parts: [{ mimeType: 'text/html', body: { data: b64('<b>html</b>') } }, { mimeType: 'text/plain', body: { data: b64('plain\r\nbody') } }] },
      ],
    };
    assert.equal(extractPlainText(payload), 'plain\nbody');
  });

  it('decodes the part charset', () => {
    const latin1 = Buffer.from('café', 'latin1').toString('base64url');
    const payload = { mimeType: 'text/plain', headers: [{ name: 'content-type', value: 'text/plain; charset=ISO-8859-1' }], body: { data: latin1 } };
    assert.equal(extractPlainText(payload), 'café');
  });

  it('strips html with entities when there is no text part', () => {
    assert.equal(htmlToText('<style>p{}</style><p>A &lt;b&gt; &#233;t&eacute;</p><div>B</div>'), 'A <b> ét&eacute;\nB');
  });
});

describe('splitAddressList', () => {
  it('splits on commas outside quotes and angle brackets', () => {
    assert.deepEqual(splitAddressList('"Doe, Jane" <jane@acme.com>, bob@x.com,  '), ['"Doe, Jane" <jane@acme.com>', 'bob@x.com']);
    assert.deepEqual(splitAddressList(null), []);
  });
});

describe('buildRawMessage', () => {
  it('round-trips any subject through RFC 2047 encoding', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (subject) => {
        const clean = subject.replace(/[\r\n]/g, ' ').trim();
        const encoded = encodeHeaderWord(clean);
        assert.ok(encoded.split('\r\n ').every((line) => line.length <= 76));
        assert.equal(decodeEncodedWords(encoded.replace(/\r\n /g, ' ')), clean);
      }),
    );
  });

  it('keeps header values on one line and adds In-Reply-To to References', () => {
    const raw = buildRawMessage({
      to: 'jane@acme.com\r\nBcc: evil@x.com', subject: 'Hi', body: 'x', threadId: 't', inReplyTo: '<b@x>', references: ['<a@x>'], idempotencyKey: 'k1',
    });
    const parsed = parseRawMessage(raw);
    assert.equal(parsed.headers.some((h) => h.name.toLowerCase() === 'bcc'), false);
    assert.equal(parsed.headers.find((h) => h.name === 'References')?.value, '<a@x> <b@x>');
    assert.equal(parsed.headers.find((h) => h.name === 'Message-ID')?.value, messageIdForKey('k1'));
    assert.notEqual(messageIdForKey('k1'), messageIdForKey('k2'));
  });
});
