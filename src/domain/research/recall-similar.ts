// Recalls what worked before with similar prospects (industry, size, topics) as abstract patterns:
// angle, call to action, outcome and what matched. It never hands on a client's name or details.
import type { PastOutreach } from '../ports/history.js';
import type { CompanySizeBand, SimilarPattern } from '../results.js';
import { containsPhrase } from '../text/match-phrase.js';
import { isSameCompany, normalizeCompanyName } from './company-name.js';

export interface RecallContext {
  industry: string | null;
  sizeBand: CompanySizeBand | null;
  topics: string[];
  companyName: string | null;
}

const MAX_PATTERNS = 3;
const INDUSTRY_WEIGHT = 2;
const SIZE_WEIGHT = 1;
const TOPIC_WEIGHT = 1;

/** Every other client named in our history: none of them may appear in this lead's draft. */
export function collectOtherCompanyNames(history: PastOutreach[], leadCompany: string | null): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const { companyName } of history) {
    const name = companyName?.trim() ?? '';
    const key = normalizeCompanyName(name);
    if (key === '' || seen.has(key) || isSameCompany(name, leadCompany)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

function matchOutreach(past: PastOutreach, ctx: RecallContext): { matchedOn: string[]; score: number } {
  const matchedOn: string[] = [];
  let score = 0;
  const sameIndustry =
    past.industry !== null &&
    ctx.industry !== null &&
    past.industry.trim().toLowerCase() === ctx.industry.trim().toLowerCase();
  if (sameIndustry) {
    matchedOn.push('industry');
    score += INDUSTRY_WEIGHT;
  }
  if (past.companySize !== null && past.companySize === ctx.sizeBand) {
    matchedOn.push('size');
    score += SIZE_WEIGHT;
  }
  const wanted = new Set(ctx.topics.map((t) => t.toLowerCase()));
  for (const topic of new Set(past.topics.map((t) => t.toLowerCase()))) {
    if (wanted.has(topic)) {
      matchedOn.push(`topic:${topic}`);
      score += TOPIC_WEIGHT;
    }
  }
  return { matchedOn, score };
}

/** The angle text must not carry any client's name, even if whoever logged it slipped one in. */
function namesAClient(angle: string, clientNames: string[]): boolean {
  return clientNames.some(
    (name) =>
      containsPhrase(angle, name) ||
      (normalizeCompanyName(name) !== '' && containsPhrase(angle, normalizeCompanyName(name))),
  );
}

export function recallSimilar(history: PastOutreach[], ctx: RecallContext): SimilarPattern[] {
  const allNames = history.map((p) => p.companyName?.trim() ?? '').filter((n) => n !== '');
  const leadName = ctx.companyName?.trim() ?? '';
  const forbidden = leadName === '' ? allNames : [...allNames, leadName];
  const candidates = history
    .map((past, order) => ({ past, order, ...matchOutreach(past, ctx) }))
    .filter(({ past, score }) => past.outcome !== 'no-reply' && score > 0)
    .filter(({ past }) => !isSameCompany(past.companyName, ctx.companyName))
    .filter(({ past }) => past.angle.trim() !== '' && !namesAClient(past.angle, forbidden))
    .sort((a, b) => b.score - a.score || outcomeRank(b.past) - outcomeRank(a.past) || a.order - b.order);
  const seenAngles = new Set<string>();
  const patterns: SimilarPattern[] = [];
  for (const { past, matchedOn } of candidates) {
    const key = past.angle.trim().toLowerCase();
    if (seenAngles.has(key) || past.outcome === 'no-reply') continue;
    seenAngles.add(key);
    patterns.push({ angle: past.angle.trim(), cta: past.cta, outcome: past.outcome, matchedOn });
    if (patterns.length === MAX_PATTERNS) break;
  }
  return patterns;
}

/** A booked meeting is a stronger success than a reply. */
function outcomeRank(past: PastOutreach): number {
  return past.outcome === 'meeting-booked' ? 1 : 0;
}
