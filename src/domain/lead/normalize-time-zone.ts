// Turns a form's or CRM's time-zone value into an IANA zone, including HubSpot's `hs_timezone`
// enum style (`america_slash_new_york`). It does not guess zones from offsets, cities or phone numbers.
import { isValidTimeZone } from '../settings.js';
import { boundedMemo } from '../text/bounded-memo.js';

let canonicalByLowerCase: Map<string, string> | undefined;

/** Zone ids as this runtime's ICU spells them, keyed lower-case, so `america/new_york` gets its capitals back. */
function getCanonicalByLowerCase(): Map<string, string> {
  canonicalByLowerCase ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]),
  );
  return canonicalByLowerCase;
}

/** `america_slash_los_angeles` -> `America/Los_Angeles`: `_slash_` is `/`, each `_`-separated word title-cased. */
export function fromHubSpotTimeZone(value: string): string {
  const titleCase = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return value
    .trim()
    .toLowerCase()
    .split('_slash_')
    .map((segment) => segment.split('_').map(titleCase).join('_'))
    .join('/');
}

/**
 * The IANA zone the value names, or null when it names none. Answers are kept: checking a zone builds an
 * Intl.DateTimeFormat (tens of microseconds), and leads repeat a few dozen spellings.
 */
export const normalizeTimeZone: (value: string) => string | null = boundedMemo(resolveTimeZone, 1024);

function resolveTimeZone(value: string): string | null {
  const trimmed = value.trim();
  const candidate = /_slash_/i.test(trimmed) ? fromHubSpotTimeZone(trimmed) : trimmed;
  if (!isValidTimeZone(candidate)) return null;
  const canonical = getCanonicalByLowerCase().get(candidate.toLowerCase());
  if (canonical !== undefined) return canonical;
  // Links such as `UTC` or `Asia/Kolkata` are valid but absent from the list; keep the caller's
  // spelling unless ICU resolves it to the same name (which fixes only its case).
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: candidate }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === candidate.toLowerCase() ? resolved : candidate;
}
