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

export function normalizeCompanyName(name: string): string {
  return normalizeText(name)
    .split(' ')
    .filter((w) => w !== '' && !LEGAL_SUFFIXES.has(w))
    .join(' ');
}

export function isSameCompany(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  const left = normalizeCompanyName(a);
  return left !== '' && left === normalizeCompanyName(b);
}
