// Drive's partial-response `fields` parameter: `nextPageToken, files(id,name,owners(emailAddress))`,
// `*` and `files(*)`. Only what is asked for comes back, including nextPageToken (api-contracts.md 4.1).
export type FieldSelection = Map<string, FieldSelection | true>;

export function parseFields(fields: string): FieldSelection {
  let pos = 0;
  const parseList = (): FieldSelection => {
    const selection: FieldSelection = new Map();
    while (pos < fields.length) {
      while (fields[pos] === ' ' || fields[pos] === ',') pos += 1;
      if (fields[pos] === ')' || pos >= fields.length) break;
      const name = /^[A-Za-z_*][A-Za-z0-9_/]*/.exec(fields.slice(pos));
      if (name === null) throw new Error(`Invalid field selection at ${fields.slice(pos)}`);
      pos += name[0].length;
      if (fields[pos] === '(') {
        pos += 1;
        selection.set(name[0], parseList());
        if (fields[pos] !== ')') throw new Error('Invalid field selection: unbalanced parentheses');
        pos += 1;
      } else {
        selection.set(name[0], true);
      }
    }
    return selection;
  };
  return parseList();
}

/** Keeps the selected keys of `value`; throws on a field not in `known` (null: no check). */
export function selectFields(value: Record<string, unknown>, selection: FieldSelection, known: readonly string[] | null): Record<string, unknown> {
  if (selection.has('*')) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of selection) {
    if (known !== null && !known.includes(key)) throw new Error(`Invalid field selection ${key}`);
    const field = value[key];
    if (field === undefined) continue;
    out[key] = sub === true ? field : selectNested(field, sub);
  }
  return out;
}

// Deeper levels (owners(emailAddress)) are selected without validating names.
function selectNested(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((item) => selectNested(item, selection));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return selectFields(record, selection, null);
}
