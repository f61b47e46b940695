// Infers an industry from a company's name or web domain, only when the words say so plainly.
// It never guesses from vague words ("systems", "tech", "capital"); unsure means null.
import { compilePhraseSet } from '../text/phrase-set.js';

const INDUSTRY_KEYWORDS: ReadonlyArray<{ industry: string; words: readonly string[] }> = [
  {
    industry: 'healthcare',
    words: [
      'health',
      'healthcare',
      'medical',
      'clinic',
      'clinics',
      'hospital',
      'hospitals',
      'dental',
      'pharma',
      'pharmaceutical',
      'pharmaceuticals',
      'biotech',
    ],
  },
  {
    industry: 'logistics',
    words: [
      'logistics',
      'freight',
      'shipping',
      'trucking',
      'transport',
      'transportation',
      'cargo',
      'courier',
    ],
  },
  {
    industry: 'financial services',
    words: [
      'bank',
      'banking',
      'bancorp',
      'financial',
      'finance',
      'fintech',
      'credit union',
      'wealth',
      'investments',
    ],
  },
  { industry: 'insurance', words: ['insurance', 'assurance', 'underwriters'] },
  { industry: 'legal', words: ['law firm', 'legal', 'attorneys', 'lawyers'] },
  { industry: 'education', words: ['university', 'college', 'school', 'schools', 'academy'] },
  {
    industry: 'manufacturing',
    words: ['manufacturing', 'manufacturer', 'mfg', 'fabrication', 'machining', 'industrial'],
  },
  { industry: 'real estate', words: ['realty', 'real estate', 'properties', 'realtors'] },
  { industry: 'construction', words: ['construction', 'builders', 'contracting'] },
  { industry: 'retail', words: ['retail', 'stores', 'ecommerce', 'e commerce'] },
  {
    industry: 'hospitality',
    words: ['hotel', 'hotels', 'resort', 'resorts', 'hospitality', 'restaurant', 'restaurants'],
  },
  { industry: 'software', words: ['software', 'saas'] },
  { industry: 'energy', words: ['energy', 'solar', 'utilities', 'oil and gas', 'petroleum'] },
];

/** Long, distinctive keywords may hide inside a one-word domain ("northwindlogistics.com"). */
const MIN_EMBEDDED_LENGTH = 7;
const TLD_INDUSTRIES: Readonly<Record<string, string>> = { edu: 'education', gov: 'government' };

// Every keyword of every industry, in table order, to look them all up in one pass over a text.
const KEYWORDS = INDUSTRY_KEYWORDS.flatMap(({ words }, entry) => words.map((word) => ({ entry, word })));
const KEYWORD_SET = compilePhraseSet(KEYWORDS.map((k) => k.word));

function isEmbeddedInDomain(labels: readonly string[], word: string): boolean {
  const compact = word.replace(/\s+/g, '');
  return compact.length >= MIN_EMBEDDED_LENGTH && labels.some((label) => label.includes(compact));
}

/** One industry when exactly one matches the name or domain; null when none or several do. */
export function inferIndustry(companyName: string | null, domain: string | null): string | null {
  const tld = domain?.toLowerCase().split('.').pop() ?? '';
  const fromTld = TLD_INDUSTRIES[tld];
  if (fromTld !== undefined) return fromTld;
  const labels = domain === null ? [] : domain.toLowerCase().split('.').slice(0, -1);
  const inName = companyName === null ? [] : KEYWORD_SET.containsEach(companyName);
  const inLabels = domain === null ? [] : KEYWORD_SET.containsEach(labels.join(' '));
  const hits = new Set(
    KEYWORDS.filter(
      ({ word }, i) =>
        inName[i] === true || inLabels[i] === true || (domain !== null && isEmbeddedInDomain(labels, word)),
    ).map((k) => k.entry),
  );
  const matched = INDUSTRY_KEYWORDS.filter((_, entry) => hits.has(entry));
  return matched.length === 1 ? (matched[0]?.industry ?? null) : null;
}

/** HubSpot's enumerated industries ("HOSPITAL_HEALTH_CARE") read as words ("hospital health care"). */
export function humanizeIndustry(industry: string): string {
  const trimmed = industry.trim();
  return /^[A-Z0-9_]+$/.test(trimmed) ? trimmed.toLowerCase().replace(/_+/g, ' ') : trimmed;
}
