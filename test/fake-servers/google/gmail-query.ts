// Gmail search-box syntax for the fake: from: to: cc: subject: label: in: is: has:attachment
// after: before: newer_than: older_than: rfc822msgid:, quoted phrases, bare words, a leading `-`,
// OR (which binds tighter than the implicit AND, as in Gmail), ( ) and { } groups. An operator we
// do not know is an error here, so a typo in an adapter's query fails a test instead of matching.
import { DateTime } from 'luxon';
import { headerValue, type FakeLabel, type FakeMessage, type FakePart } from './fake-google-state.js';

export type GmailQuery =
  | { kind: 'and' | 'or'; items: GmailQuery[] }
  | { kind: 'not'; item: GmailQuery }
  | { kind: 'term'; op: string; value: string };

const OPERATORS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'label', 'in', 'is', 'has', 'after', 'before', 'newer_than', 'older_than', 'rfc822msgid']);

type Token = { t: 'open' | 'close' | 'gopen' | 'gclose' | 'not' | 'or' } | { t: 'term'; op: string; value: string };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readValue = (): string => {
    if (q[i] === '"') {
      const end = q.indexOf('"', i + 1);
      const value = q.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? q.length : end + 1;
      return value;
    }
    const start = i;
    while (i < q.length && !/[\s(){}]/.test(q[i]!)) i += 1;
    return q.slice(start, i);
  };
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      tokens.push({ t: c === '(' ? 'open' : c === ')' ? 'close' : c === '{' ? 'gopen' : 'gclose' });
      i += 1;
      continue;
    }
    if (c === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) { tokens.push({ t: 'not' }); i += 1; continue; }
    const word = /^([a-z_0-9]+):/i.exec(q.slice(i));
    if (word !== null) {
      const op = word[1]!.toLowerCase();
      if (!OPERATORS.has(op)) throw new Error(`unsupported search operator ${op}:`);
      i += word[0].length;
      tokens.push({ t: 'term', op, value: readValue() });
      continue;
    }
    const value = readValue();
    tokens.push(value === 'OR' ? { t: 'or' } : { t: 'term', op: 'text', value });
  }
  return tokens;
}

export function parseGmailQuery(q: string): GmailQuery {
  const tokens = tokenize(q);
  let pos = 0;
  const parseAnd = (closer: Token['t'] | null): GmailQuery => {
    const items: GmailQuery[] = [];
    while (pos < tokens.length && tokens[pos]!.t !== closer) items.push(parseOr());
    if (closer !== null) {
      if (tokens[pos]?.t !== closer) throw new Error('unbalanced parentheses in query');
      pos += 1;
    }
    return { kind: 'and', items };
  };
  const parseOr = (): GmailQuery => {
    const items = [parseUnary()];
    while (tokens[pos]?.t === 'or') { pos += 1; items.push(parseUnary()); }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const parseUnary = (): GmailQuery => {
    const token = tokens[pos];
    pos += 1;
    if (token === undefined) throw new Error('query ends too early');
    if (token.t === 'not') return { kind: 'not', item: parseUnary() };
    if (token.t === 'open') return parseAnd('close');
    if (token.t === 'gopen') {
      const group = parseAnd('gclose');
      return { kind: 'or', items: group.kind === 'and' ? group.items : [group] };
    }
    if (token.t === 'term') return { kind: 'term', op: token.op, value: token.value };
    throw new Error(`unexpected ${token.t} in query`);
  };
  return parseAnd(null);
}

export interface MatchContext {
  labels: Map<string, FakeLabel>;
  userEmail: string;
  now: number;
}

export function matchesQuery(query: GmailQuery, message: FakeMessage, ctx: MatchContext): boolean {
  switch (query.kind) {
    case 'and': return query.items.every((q) => matchesQuery(q, message, ctx));
    case 'or': return query.items.some((q) => matchesQuery(q, message, ctx));
    case 'not': return !matchesQuery(query.item, message, ctx);
    case 'term': return matchesTerm(query.op, query.value, message, ctx);
  }
}

/** Does the query ask for spam/trash explicitly (otherwise those are excluded, as in Gmail)? */
export function mentionsSpamOrTrash(query: GmailQuery): boolean {
  if (query.kind === 'term') return query.op === 'in' && ['spam', 'trash', 'anywhere'].includes(query.value.toLowerCase());
  if (query.kind === 'not') return mentionsSpamOrTrash(query.item);
  return query.items.some(mentionsSpamOrTrash);
}

function addressesIn(header: string): string[] {
  return header.split(',').map((part) => (/<([^<>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase());
}

function matchesAddress(header: string | null, value: string, ctx: MatchContext): boolean {
  if (header === null) return false;
  const wanted = (value.toLowerCase() === 'me' ? ctx.userEmail : value).toLowerCase();
  return wanted.includes('@') ? addressesIn(header).includes(wanted) : header.toLowerCase().includes(wanted);
}

const IN_LABELS: Record<string, string> = { inbox: 'INBOX', sent: 'SENT', drafts: 'DRAFT', draft: 'DRAFT', spam: 'SPAM', trash: 'TRASH', starred: 'STARRED', important: 'IMPORTANT' };

function matchesTerm(op: string, value: string, message: FakeMessage, ctx: MatchContext): boolean {
  const headers = message.payload.headers;
  const lower = value.toLowerCase();
  switch (op) {
    case 'from': case 'to': case 'cc': case 'bcc': return matchesAddress(headerValue(headers, op), value, ctx);
    case 'subject': return (headerValue(headers, 'subject') ?? '').toLowerCase().includes(lower);
    case 'label': return matchesLabel(lower, message, ctx);
    case 'in': return lower === 'anywhere' || (IN_LABELS[lower] !== undefined && message.labelIds.includes(IN_LABELS[lower]));
    case 'is':
      if (lower === 'read') return !message.labelIds.includes('UNREAD');
      return message.labelIds.includes(lower.toUpperCase());
    case 'has':
      if (lower !== 'attachment') throw new Error(`unsupported has:${value}`);
      return hasAttachment(message.payload);
    case 'after': return message.internalDate >= parseSearchDate(value);
    case 'before': return message.internalDate < parseSearchDate(value);
    case 'newer_than': return message.internalDate >= ctx.now - parseRelative(value);
    case 'older_than': return message.internalDate < ctx.now - parseRelative(value);
    case 'rfc822msgid': return (headerValue(headers, 'message-id') ?? '').replace(/^<|>$/g, '') === value.replace(/^<|>$/g, '');
    default: {
      const haystack = `${headerValue(headers, 'subject') ?? ''} ${headerValue(headers, 'from') ?? ''} ${message.searchText}`.toLowerCase();
      return haystack.includes(lower);
    }
  }
}

function matchesLabel(value: string, message: FakeMessage, ctx: MatchContext): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[\s/]/g, '-');
  return message.labelIds.some((id) => {
    const label = ctx.labels.get(id);
    return id.toLowerCase() === value || (label !== undefined && norm(label.name) === norm(value));
  });
}

function hasAttachment(part: FakePart): boolean {
  return part.filename !== '' || (part.parts ?? []).some(hasAttachment);
}

/** after:/before: take epoch seconds or a date; Gmail reads a date as midnight Pacific time. */
export function parseSearchDate(value: string): number {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (match === null) throw new Error(`unsupported date ${value} in query`);
  const date = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone: 'America/Los_Angeles' });
  if (!date.isValid) throw new Error(`invalid date ${value} in query`);
  return date.toMillis();
}

function parseRelative(value: string): number {
  const match = /^(\d+)([dmy])$/.exec(value);
  if (match === null) throw new Error(`unsupported relative time ${value}`);
  const day = 86_400_000;
  const unit = match[2] === 'd' ? day : match[2] === 'm' ? 30 * day : 365 * day;
  return Number(match[1]) * unit;
}
