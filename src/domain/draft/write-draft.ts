// The deterministic draft writer: a short plain-text reply in the seller's voice, built only from the
// earlier steps' outputs. It tries the fullest draft first and gives up detail (P.S., value sentence,
// slots, specifics) only until the linter passes; it never calls a model and never sends anything.
import type { DraftFacts } from '../results.js';
import { composeBody } from './compose-draft.js';
import type { DraftMaterial, DraftSpec, Layout } from './compose-draft.js';
import { hasContraction } from './contractions.js';
import { collectDraftFacts } from './draft-facts.js';
import type { DraftInput } from './draft-input.js';
import { countWords, findFirstWord } from './draft-text.js';
import { findTopicCandidates } from './extract-topic.js';
import { lintBody, lintSubject } from './lint-draft.js';
import { prepareMaterial } from './prepare-material.js';

export type { DraftInput } from './draft-input.js';

/**
 * Writes the draft for a plan that acts. The result passes lintDraft for any lead, thread, slots and
 * asset, provided the voice's own greeting, sign-off and banned lists do not contradict each other and
 * no other client's name is in the input (the writer is not told those names; the caller lints for them).
 * @throws Error for a no-action plan: the workflow must not ask for a draft then.
 */
export function writeDraft(input: DraftInput): { subject: string; body: string } {
  const facts = collectDraftFacts(input, []);
  const material = prepareMaterial(input, facts);
  return { subject: chooseSubject(input, facts), body: chooseBody(material, input, facts) };
}

function chooseBody(m: DraftMaterial, input: DraftInput, facts: DraftFacts): string {
  let best: { body: string; problems: number } | null = null;
  const seen = new Set<string>();
  for (const spec of buildSpecs(m)) {
    const body = composeBody(m, spec);
    if (seen.has(body)) continue;
    seen.add(body);
    const problems = lintBody(body, input.voice, facts).length;
    if (problems === 0) return body;
    if (best === null || problems < best.problems) best = { body, problems };
  }
  return best?.body ?? '';
}

const LAYOUTS: readonly Layout[] = ['spacious', 'merged', 'tight', 'compact'];

type Level = (s: DraftSpec) => Partial<DraftSpec>;

/**
 * Specs from fullest to barest. Each level gives up one more thing, in the order a reader would miss it
 * least; within a level, the P.S. is kept while tighter layouts are tried, then dropped. Made one at a
 * time: the first spec usually passes, and the rest (dozens) are never needed.
 */
export function* buildSpecs(m: DraftMaterial): Generator<DraftSpec> {
  let spec: DraftSpec = {
    useName: m.name !== null,
    opener: 0,
    detail: 'full',
    slotCount: m.slotLabels.length,
    assetNamed: true,
    extraAsset: true,
    ps: false,
    layout: 'spacious',
  };
  for (const level of getLevels(m)) {
    spec = Object.assign({}, spec, level(spec));
    for (const ps of m.allowPs ? [true, false] : [false]) {
      for (const layout of LAYOUTS) yield Object.assign({}, spec, { ps, layout });
    }
  }
}

function getLevels(m: DraftMaterial): Level[] {
  const last = m.openers.length - 1;
  const generic = Math.min(m.specificOpeners, last);
  const brief = m.openers.findIndex((o) => countWords(o) <= 12);
  const short: Level = () => ({ detail: 'short' });
  const twoSlots: Level = (s) => ({ slotCount: Math.min(s.slotCount, 2) });
  const noDetail: Level = () => ({ detail: 'none' });
  const briefOpener: Level = (s) => ({ opener: Math.max(s.opener, brief === -1 ? generic : brief) });
  const askInstead: Level = () => ({ slotCount: 0 });
  const genericOpener: Level = (s) => ({ opener: Math.max(s.opener, generic) });
  const lastOpener: Level = () => ({ opener: last });
  const noExtraAsset: Level = () => ({ extraAsset: false });
  const tail: Level[] = [() => ({ assetNamed: false }), noExtraAsset, () => ({ useName: false })];
  // An answer is the point of an answer-question draft, so it goes last; a value sentence goes early.
  return m.action === 'answer-question'
    ? [
        () => ({}),
        short,
        twoSlots,
        briefOpener,
        askInstead,
        noExtraAsset,
        genericOpener,
        noDetail,
        lastOpener,
        ...tail,
      ]
    : [() => ({}), short, twoSlots, noDetail, briefOpener, askInstead, genericOpener, lastOpener, ...tail];
}

const PRONOUN = /(?<![\p{L}])(?:we|you|our|your|us|i|my|me)(?![\p{L}])/iu;

function chooseSubject(input: DraftInput, facts: DraftFacts): string {
  const fine = buildSubjectCandidates(input).find((s) => lintSubject(s, input.voice, facts).length === 0);
  return fine ?? 'Next steps';
}

/** A reply keeps the thread's subject; otherwise a short subject from their topic and company. */
function buildSubjectCandidates(input: DraftInput): string[] {
  const { insight, lead, seller, plan } = input;
  const out: string[] = [];
  if (insight !== null && insight.subject.trim() !== '')
    out.push(/^\s*re:/i.test(insight.subject) ? insight.subject : `Re: ${insight.subject}`);
  const asked = [lead.message, insight?.unansweredQuestion].filter(
    (t): t is string => t !== null && t !== undefined,
  );
  // A subject names the topic ("SSO", "data residency"), not a phrase from their sentence ("hosted in the EU").
  const nameLike = (plan.answer?.keywords ?? []).filter((k) => countWords(k) <= 2);
  const keyword = findKeywordAsWritten(nameLike, asked) ?? plan.answer?.keywords[0] ?? null;
  if (plan.action === 'answer-question' && keyword !== null) out.push(`Your question about ${keyword}`);
  for (const phrase of findSubjectTopics(input, asked)) {
    if (plan.action === 'answer-question') out.push(`Your question about ${phrase}`);
    else if (lead.company === null) out.push(`Your note about ${phrase}`);
    // "Pricing for 50 seats for Acme" reads badly; "Acme: pricing for 50 seats" does not.
    else
      out.push(
        /\bfor\b/i.test(phrase) ? `${lead.company}: ${phrase}` : `${capitalize(phrase)} for ${lead.company}`,
      );
  }
  if (lead.company !== null)
    out.push(`${seller.company} + ${lead.company}: next steps`, `Next steps for ${lead.company}`);
  out.push(`Next steps with ${seller.company}`);
  return out;
}

/** Short topic phrases without "our"/"your": "SSO pricing for your team" becomes "SSO pricing". */
function findSubjectTopics(input: DraftInput, asked: readonly string[]): string[] {
  return asked
    .flatMap(findTopicCandidates)
    .filter((t) => t.kind !== 'quote' && t.kind !== 'asking')
    .map((t) =>
      t.phrase.replace(/\s+(?:for|with|at|in|on|from|of|to)\s+(?:your|our|you|us|my|me)(?![\p{L}]).*$/iu, ''),
    )
    .filter(
      (p) => countWords(p) <= 5 && !PRONOUN.test(p) && (input.voice.useContractions || !hasContraction(p)),
    )
    .slice(0, 3);
}

/** The approved answer's keyword as the prospect wrote it ("SSO", not "sso"). */
function findKeywordAsWritten(keywords: readonly string[], texts: readonly string[]): string | null {
  for (const keyword of [...keywords].sort((a, b) => b.length - a.length)) {
    for (const text of texts) {
      const found = findFirstWord(text, keyword);
      if (found !== null) return found.text;
    }
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
