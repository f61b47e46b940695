// How relevant one allowlisted Drive file is to a lead: shared topics, their industry, their company
// name, with a slight preference for PDFs and slides and for newer files (measured against the newest
// candidate, so no clock is needed). It reads names and descriptions only, never file contents.
import type { DriveFile } from '../ports/drive.js';
import { normalizeCompanyName } from '../research/company-name.js';
import { extractTopics } from '../text/extract-topics.js';
import { containsPhrase, normalizeText } from '../text/match-phrase.js';

export interface AssetMatch {
  file: DriveFile;
  score: number;
  topics: string[];
  /** The industry word that matched, when one did. */
  industryWord: string | null;
  companyMatched: boolean;
}

export interface LeadSignals {
  topics: string[];
  industry: string | null;
  companyName: string | null;
}

const TOPIC_POINTS = 3;
const INDUSTRY_POINTS = 3;
const COMPANY_POINTS = 2;
const FORMAT_POINTS = 0.5;
const RECENCY_POINTS = 0.5;
const RECENCY_SPAN_MS = 365 * 24 * 60 * 60 * 1000;
const GENERIC_INDUSTRY_WORDS = new Set([
  'and',
  'services',
  'service',
  'other',
  'general',
  'products',
  'management',
  'industry',
  'industries',
  'solutions',
  'goods',
  'related',
  'care',
]);
const PREFERRED_MIME = /pdf|presentation|powerpoint/i;

/** Words a file is known by: its name without extension, description and folder names. */
export function describeFile(file: DriveFile): string {
  const name = file.name.replace(/\.[a-z0-9]{2,5}$/i, '');
  return [name, file.description ?? '', ...file.folderPath].join(' ').replace(/[_]+/g, ' ');
}

/** "health care" also reads as "healthcare"; generic words like "services" never count alone. */
function industryTerms(industry: string): string[] {
  const words = normalizeText(industry)
    .split(' ')
    .filter((w) => w !== '');
  const joinedPairs = words.slice(1).map((w, i) => `${words[i] ?? ''}${w}`);
  const singles = words.filter((w) => w.length >= 4 && !GENERIC_INDUSTRY_WORDS.has(w));
  return [...new Set([words.join(' '), ...joinedPairs, ...singles])].filter((t) => t !== '');
}

function findIndustryWord(text: string, industry: string | null): string | null {
  if (industry === null) return null;
  return industryTerms(industry).find((term) => containsPhrase(text, term)) ?? null;
}

function recencyBonus(file: DriveFile, newestMs: number): number {
  const age = newestMs - (Date.parse(file.modifiedTime) || 0);
  return RECENCY_POINTS * Math.max(0, 1 - age / RECENCY_SPAN_MS);
}

// Every lead is scored against the same Drive files, so each file text's topics are remembered
// (the most recently used few hundred).
const fileTopicsByText = new Map<string, ReadonlySet<string>>();
const MAX_FILE_TEXTS = 500;

function getFileTopics(text: string): ReadonlySet<string> {
  let topics = fileTopicsByText.get(text);
  if (topics === undefined) topics = new Set(extractTopics(text));
  else fileTopicsByText.delete(text);
  fileTopicsByText.set(text, topics);
  if (fileTopicsByText.size > MAX_FILE_TEXTS)
    fileTopicsByText.delete(fileTopicsByText.keys().next().value ?? '');
  return topics;
}

export function scoreAsset(file: DriveFile, lead: LeadSignals, newestMs: number): AssetMatch {
  const text = describeFile(file);
  const fileTopics = getFileTopics(text);
  const topics = lead.topics.filter((t) => fileTopics.has(t));
  const industryWord = findIndustryWord(text, lead.industry);
  const company = lead.companyName === null ? '' : normalizeCompanyName(lead.companyName);
  const companyMatched = company !== '' && containsPhrase(text, company);
  const relevance =
    topics.length * TOPIC_POINTS +
    (industryWord !== null ? INDUSTRY_POINTS : 0) +
    (companyMatched ? COMPANY_POINTS : 0);
  const format = PREFERRED_MIME.test(file.mimeType) ? FORMAT_POINTS : 0;
  const score = Math.round((relevance + format + recencyBonus(file, newestMs)) * 100) / 100;
  return { file, score, topics, industryWord, companyMatched };
}

/** A topic or industry in common is the least that makes a file worth sending. */
export function isRelevant(match: AssetMatch): boolean {
  return match.topics.length > 0 || match.industryWord !== null;
}
