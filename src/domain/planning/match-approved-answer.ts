// Finds the approved answer a prospect's question calls for: the one whose keywords it mentions most.
// Only tenant-approved text is ever quoted; no answer is made up when none matches.
import type { ApprovedAnswer } from '../settings.js';
import { containsPhrase } from '../text/match-phrase.js';

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

/** Every approved answer the question mentions a keyword of, the most-mentioned first. */
export function matchApprovedAnswers(question: string, answers: ApprovedAnswer[]): ApprovedAnswer[] {
  return answers
    .map((answer) => ({ answer, hits: answer.keywords.filter((k) => containsPhrase(question, k)).length }))
    .filter((m) => m.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .map((m) => m.answer);
}
