// Reads the address and display name out of a From header ("Jane Doe <jane@acme.com>").
// It does not validate addresses; it only takes the header apart.

/** The lower-cased address of a From header, with or without a display name. */
export function extractAddress(header: string): string {
  const angled = /<([^<>]+)>/.exec(header);
  const raw = angled?.[1] ?? header;
  return raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

/** The display name of a From header without quotes, or null when it has none. */
export function extractDisplayName(header: string): string | null {
  const lt = header.indexOf('<');
  if (lt <= 0) return null;
  const name = header
    .slice(0, lt)
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();
  return name === '' || name.includes('@') ? null : name;
}

/** The first name for a sentence: "Doe, Jane" gives "Jane", "Jane Doe" gives "Jane". */
export function extractFirstName(header: string): string | null {
  const name = extractDisplayName(header);
  if (name === null) return null;
  const ordered = name.includes(',') ? (name.split(',')[1] ?? '').trim() : name;
  const first = ordered.split(/\s+/)[0] ?? '';
  return /^[\p{L}][\p{L}'.-]*$/u.test(first) ? first : null;
}
