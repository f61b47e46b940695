// The Drive v3 `q` grammar subset the adapters use (api-contracts.md 4.1): `'<id>' in parents`,
// `trashed = false`, `mimeType = | != '…'`, `name = | contains '…'`, `fullText contains '…'`,
// combined with and/or/not and parentheses. Strings are single-quoted with \' and \\ escapes.
// Anything else is a 400 in the fake, so a malformed adapter query fails loudly.
import type { FakeDriveFile } from './fake-google-state.js';

export type DriveQuery =
  | { kind: 'and' | 'or'; items: DriveQuery[] }
  | { kind: 'not'; item: DriveQuery }
  | { kind: 'cond'; field: string; op: string; value: string | boolean };

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: '(' | ')' };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '(' || c === ')') { tokens.push({ t: c }); i += 1; continue; }
    if (c === "'") {
      let value = '';
      i += 1;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === '\\' && i + 1 < q.length) i += 1;
        value += q[i];
        i += 1;
      }
      if (i >= q.length) throw new Error('unterminated string');
      i += 1;
      tokens.push({ t: 'str', v: value });
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(q.slice(i));
    if (op !== null) { tokens.push({ t: 'op', v: op[1]! }); i += op[1]!.length; continue; }
    const word = /^[A-Za-z_]+/.exec(q.slice(i));
    if (word === null) throw new Error(`unexpected character ${c}`);
    tokens.push({ t: 'word', v: word[0] });
    i += word[0].length;
  }
  return tokens;
}

export function parseDriveQuery(q: string): DriveQuery {
  const tokens = tokenize(q);
  let pos = 0;
  const peekWord = (w: string): boolean => tokens[pos]?.t === 'word' && (tokens[pos] as { v: string }).v.toLowerCase() === w;
  const parseOr = (): DriveQuery => {
    const items = [parseAnd()];
    while (peekWord('or')) { pos += 1; items.push(parseAnd()); }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const parseAnd = (): DriveQuery => {
    const items = [parseNot()];
    while (peekWord('and')) { pos += 1; items.push(parseNot()); }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const parseNot = (): DriveQuery => {
    if (peekWord('not')) { pos += 1; return { kind: 'not', item: parseNot() }; }
    if (tokens[pos]?.t === '(') {
      pos += 1;
      const inner = parseOr();
      if (tokens[pos]?.t !== ')') throw new Error('unbalanced parentheses');
      pos += 1;
      return inner;
    }
    return parseCondition();
  };
  const parseCondition = (): DriveQuery => {
    const first = tokens[pos];
    const second = tokens[pos + 1];
    const third = tokens[pos + 2];
    pos += 3;
    if (first?.t === 'str' && second?.t === 'word' && second.v === 'in' && third?.t === 'word') {
      return { kind: 'cond', field: third.v, op: 'in', value: first.v };
    }
    if (first?.t !== 'word' || second === undefined || third === undefined) throw new Error('incomplete condition');
    const op = second.t === 'op' || second.t === 'word' ? second.v : '';
    if (third.t === 'str') return { kind: 'cond', field: first.v, op, value: third.v };
    if (third.t === 'word' && (third.v === 'true' || third.v === 'false')) return { kind: 'cond', field: first.v, op, value: third.v === 'true' };
    throw new Error(`bad value in condition on ${first.v}`);
  };
  const query = parseOr();
  if (pos !== tokens.length) throw new Error('trailing tokens');
  return query;
}

export function matchesDriveQuery(query: DriveQuery, file: FakeDriveFile): boolean {
  switch (query.kind) {
    case 'and': return query.items.every((q) => matchesDriveQuery(q, file));
    case 'or': return query.items.some((q) => matchesDriveQuery(q, file));
    case 'not': return !matchesDriveQuery(query.item, file);
    case 'cond': return matchesCondition(query.field, query.op, query.value, file);
  }
}

function matchesCondition(field: string, op: string, value: string | boolean, file: FakeDriveFile): boolean {
  if (op === 'in' && field === 'parents') return file.parents.includes(String(value));
  if (field === 'trashed' && typeof value === 'boolean') return op === '=' ? file.trashed === value : op === '!=' ? file.trashed !== value : fail(op, field);
  if (typeof value !== 'string') return fail(op, field);
  const actual = field === 'mimeType' ? file.mimeType : field === 'name' ? file.name : field === 'fullText' ? `${file.name} ${file.description ?? ''}` : null;
  if (actual === null) return fail(op, field);
  if (op === '=') return actual === value;
  if (op === '!=') return actual !== value;
  if (op === 'contains') return actual.toLowerCase().includes(value.toLowerCase());
  return fail(op, field);
}

function fail(op: string, field: string): never {
  throw new Error(`unsupported condition ${field} ${op}`);
}
