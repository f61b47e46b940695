// Takes the address out of a mail header value ("Jane Doe <jane@acme.example>" or a bare address).
// The fakes match people by address, case-insensitively, the way Gmail's from:/to: search does.

export function extractHeaderAddress(header: string): string {
  const angled = /<([^<>]+)>/.exec(header);
  return (angled?.[1] ?? header).trim().toLowerCase();
}

export function isSameAddress(header: string, email: string): boolean {
  return extractHeaderAddress(header) === email.trim().toLowerCase();
}
