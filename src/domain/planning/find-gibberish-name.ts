// Recognises names nobody is called: keyboard mash, no vowels, long consonant runs, random casing.
// Real names from many languages ("Nguyen", "Szczepanski", "McDonald", "Ng") must pass.

const MIN_CHECKED_LENGTH = 4;
const MAX_CONSONANT_RUN = 4;
const MAX_CASE_SWITCHES = 3;
const KEYBOARD_MASH = /asdf|qwer|zxcv|hjkl|sdfg|dfgh|fghj|jkl;|uiop|wxyz/i;

function isGibberishPart(part: string): boolean {
  const letters = part.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_CHECKED_LENGTH) return false;
  // Latin letters only: other scripts are not judged by English vowels.
  if (!/^[a-z]+$/i.test(letters)) return false;
  if (!/[aeiouy]/i.test(letters)) return true;
  if (KEYBOARD_MASH.test(letters)) return true;
  const longestRun = Math.max(...(letters.toLowerCase().match(/[^aeiouy]+/g) ?? ['']).map((r) => r.length));
  if (longestRun > MAX_CONSONANT_RUN) return true;
  const switches = [...letters].slice(1).filter((ch, i) => isUpper(ch) !== isUpper(letters[i] ?? '')).length;
  return switches > MAX_CASE_SWITCHES;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

/** The gibberish parts of the name, and whether every given part is gibberish; null when none is. */
export function findGibberishName(
  firstName: string | null,
  lastName: string | null,
): { parts: string[]; allParts: boolean } | null {
  const given = [firstName, lastName].flatMap((p) => (p ?? '').split(/\s+/)).filter((p) => p.trim() !== '');
  const parts = given.filter(isGibberishPart);
  return parts.length === 0 ? null : { parts, allParts: parts.length === given.length };
}
