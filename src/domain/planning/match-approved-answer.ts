// Finds the approved answer a prospect's question calls for: the one whose keywords it mentions most.
// Only tenant-approved text is ever quoted; no answer is made up when none matches.
import type { ApprovedAnswer } from '../settings.js';
import { containsPhrase, indexOfPhrase, normalizeText } from '../text/match-phrase.js';

export function matchApprovedAnswer(question: string, answers: ApprovedAnswer[]): ApprovedAnswer | null {
  let best: ApprovedAnswer | null = null;
  let bestHits = 0;
  for (const answer of answers) {
    const hits = answer.keywords.filter((k) => containsPhrase(question, k)).length;
    if (hits > bestHits) {
      best = answer;
      bestHits = hits;
    }
  }
  return best;
}

/** Every approved answer the question mentions a keyword of, in the order the question raises them. */
export function matchApprovedAnswers(question: string, answers: ApprovedAnswer[]): ApprovedAnswer[] {
  const text = normalizeText(question);
  return answers
    .map((answer) => ({ answer, at: firstMention(text, answer.keywords) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((m) => m.answer);
}

function firstMention(normalized: string, keywords: readonly string[]): number {
  const found = keywords
    .filter((k) => normalizeText(k) !== '')
    .map((k) => indexOfPhrase(normalized, k))
    .filter((at) => at >= 0);
  return found.length === 0 ? -1 : Math.min(...found);
}
