// Contractions for voices that do not use them: expanding the common ones in text we quote or adapt,
// and spotting any that remain. Possessives ("Acme's", "O'Brien") are not contractions.

const APOSTROPHE = "['\u2019]";

const IRREGULAR: ReadonlyArray<[string, string]> = [
  ["can't", 'cannot'],
  ["won't", 'will not'],
  ["shan't", 'shall not'],
  ["ain't", 'is not'],
  ["let's", 'let us'],
  ["it's", 'it is'],
  ["that's", 'that is'],
  ["there's", 'there is'],
  ["here's", 'here is'],
  ["what's", 'what is'],
  ["who's", 'who is'],
  ["where's", 'where is'],
  ["how's", 'how is'],
  ["i'm", 'I am'],
];

const REGULAR: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`\\b(\\p{L}+)n${APOSTROPHE}t\\b`, 'giu'), '$1 not'],
  [new RegExp(`\\b(\\p{L}+)${APOSTROPHE}re\\b`, 'giu'), '$1 are'],
  [new RegExp(`\\b(\\p{L}+)${APOSTROPHE}ll\\b`, 'giu'), '$1 will'],
  [new RegExp(`\\b(\\p{L}+)${APOSTROPHE}ve\\b`, 'giu'), '$1 have'],
  [new RegExp(`\\b(I|you|we|they|he|she|it)${APOSTROPHE}d\\b`, 'giu'), '$1 would'],
];

function keepCase(original: string, replacement: string): string {
  return /^\p{Lu}/u.test(original) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

export function expandContractions(text: string): string {
  let out = text;
  for (const [short, long] of IRREGULAR) {
    const pattern = new RegExp(`(?<![\\p{L}])${short.replace("'", APOSTROPHE)}(?![\\p{L}])`, 'giu');
    out = out.replace(pattern, (m) => keepCase(m, long));
  }
  for (const [pattern, long] of REGULAR)
    out = out.replace(pattern, (m: string, stem: string) => keepCase(m, long.replace('$1', stem)));
  return out;
}

export function hasContraction(text: string): boolean {
  return expandContractions(text) !== text;
}
