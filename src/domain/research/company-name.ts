// Compares company names loosely ("Acme, Inc." is "acme inc" is "ACME"), so one client's outreach is
// recognised and kept out of another's draft. It does not resolve subsidiaries or brands.
import { normalizeText } from '../text/match-phrase.js';

const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'bv',
  'nv',
  'plc',
  'pty',
  'oy',
  'ab',
  'srl',
  'spa',
  'the',
]);

// Past outreach is checked against every client name in the history, so the same few names come back.
const normalizedNames = new Map<string, string>();
const MAX_NAMES = 5_000;

export function normalizeCompanyName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    normalized = normalizeText(name)
      .split(' ')
      .filter((w) => w !== '' && !LEGAL_SUFFIXES.has(w))
      .join(' ');
    if (normalizedNames.size >= MAX_NAMES) normalizedNames.clear();
    normalizedNames.set(name, normalized);
  }
  return normalized;
}

export function isSameCompany(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = normalizeCompanyName(a);
  return left !== '' && left === normalizeCompanyName(b);
}
