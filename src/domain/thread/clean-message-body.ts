// Strips what a reader skips from an email body: quoted replies, forwarded headers and signatures.
// It works on plain text lines and does not try to parse HTML.

const QUOTE_HEADERS = [
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^-{2,}\s*forwarded message\s*-{2,}$/i,
  /^_{10,}$/,
  /^sent from my \w+/i,
];
const SIGN_OFF =
  /^(?:best|best regards|kind regards|warm regards|regards|thanks|thank you|many thanks|thanks again|cheers|sincerely|all the best|talk soon)\s*[,.!]?(?:\s+[\p{L}'.-]+){0,2}\s*$/iu;
const MAX_SIGNATURE_LINES = 6;

/** "On Tue, Nov 20, 2026 at 10:02 AM Jane <jane@x.com> wrote:", possibly wrapped over two lines. */
function isReplyHeader(lines: string[], i: number): boolean {
  const line = lines[i]?.trim() ?? '';
  if (!/^on\s/i.test(line)) return false;
  if (/wrote:\s*$/i.test(line)) return true;
  return /^wrote:\s*$/i.test(lines[i + 1]?.trim() ?? '');
}

/** Outlook's "From: ... / Sent: ..." block that starts a quoted message. */
function isOutlookHeader(lines: string[], i: number): boolean {
  if (!/^from:\s/i.test(lines[i]?.trim() ?? '')) return false;
  return lines.slice(i + 1, i + 4).some((l) => /^(?:sent|date|to|subject):\s/i.test(l.trim()));
}

function cutAtQuote(lines: string[]): string[] {
  const end = lines.findIndex(
    (line, i) =>
      isReplyHeader(lines, i) || isOutlookHeader(lines, i) || QUOTE_HEADERS.some((p) => p.test(line.trim())),
  );
  return (end === -1 ? lines : lines.slice(0, end)).filter((line) => !line.trimStart().startsWith('>'));
}

/** A sign-off followed only by a few short lines (name, title, phone) is where the signature starts. */
function cutAtSignature(lines: string[]): string[] {
  const dashes = lines.findIndex((line) => line === '-- ' || line.trim() === '--');
  const kept = dashes === -1 ? lines : lines.slice(0, dashes);
  const signOff = kept.findIndex((line, i) => {
    if (!SIGN_OFF.test(line.trim())) return false;
    const rest = kept.slice(i + 1).filter((l) => l.trim() !== '');
    return rest.length <= MAX_SIGNATURE_LINES && rest.every((l) => l.trim().length <= 60);
  });
  return signOff === -1 ? kept : kept.slice(0, signOff);
}

/** The text the sender wrote in this message, without quoted history or signature. */
export function cleanMessageBody(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  return cutAtSignature(cutAtQuote(lines))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
