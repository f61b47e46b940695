// Turns the earlier steps' outputs into vetted pieces for the draft: every piece of outside text (their
// message, the thread, the approved answer, file names, labels, names) is used only if it passes the
// linter's content rules on its own. It does not lay anything out.
import type { DraftFacts } from '../results.js';
import type { Lead } from '../lead.js';
import type { DraftMaterial } from './compose-draft.js';
import { expandContractions, hasContraction } from './contractions.js';
import type { DraftInput } from './draft-input.js';
import {
  getWording,
  writePageOpener,
  writePlainOpener,
  writeShortValueSentence,
  writeThreadOpener,
  writeTopicOpener,
  writeValueSentence,
} from './draft-phrases.js';
import type { Wording } from './draft-phrases.js';
import { countWords, maskUrls } from './draft-text.js';
import { describeCanonicalTopics, findTopicCandidates } from './extract-topic.js';
import type { Topic } from './extract-topic.js';
import { lintContent } from './lint-draft.js';
import { checkNameSpelling, checkUrls, getAllowedUrls } from './lint-rules.js';

export type SafetyCheck = (text: string) => boolean;

/** A fragment is safe when, standing alone mid-sentence, it breaks no content rule and asks nothing. */
export function makeSafetyCheck(input: DraftInput, facts: DraftFacts): SafetyCheck {
  const allowed = getAllowedUrls(facts);
  return (text) =>
    text.trim() !== '' &&
    !/[\n?]/.test(text) &&
    (input.voice.useContractions || !hasContraction(text)) &&
    lintContent(maskUrls(text, allowed), input.voice, facts).length === 0 &&
    checkUrls(text, facts).length === 0 &&
    checkNameSpelling(`x ${text}`, facts).length === 0;
}

export function prepareMaterial(input: DraftInput, facts: DraftFacts): DraftMaterial {
  const { plan, voice, seller, lead } = input;
  if (plan.action === 'no-action')
    throw new Error('writeDraft was called for a no-action plan; there is nothing to write.');
  const isSafe = makeSafetyCheck(input, facts);
  const wording = getWording(voice);
  const company = lead.company !== null && isSafe(lead.company) ? lead.company : null;
  const openers = collectOpeners(input, wording, isSafe);
  return {
    action: plan.action,
    greeting: voice.greeting.trim(),
    name: pickName(lead, isSafe),
    openers: openers.sentences,
    specificOpeners: openers.specific,
    value: plan.action === 'book-meeting' ? prepareValue(input, company, wording, isSafe) : null,
    answer:
      plan.action === 'answer-question'
        ? prepareAnswer(plan.answer?.answer ?? '', voice.useContractions, isSafe)
        : [],
    asset: prepareAsset(input, isSafe),
    wantsSlots: plan.offerSlots,
    slotLabels:
      input.slots.noSlotsReason === null ? input.slots.slots.map((s) => s.label).filter(isSafe) : [],
    bookingLink: seller.bookingLink,
    company,
    allowPs: voice.allowPs,
    wording,
    signOff: voice.signOff.trim(),
    sellerName: seller.firstName.trim() || seller.name.trim(),
  };
}

function pickName(lead: Lead, isSafe: SafetyCheck): string | null {
  const name = lead.firstName;
  if (name === null || name !== name.trim() || name.includes(',') || countWords(name) > 5) return null;
  return isSafe(name) ? name : null;
}

function adapt(text: string, useContractions: boolean): string {
  return useContractions ? text : expandContractions(text);
}

/** Openers tied to what they wrote come first (form message, then thread), then the page, then plain ones. */
function collectOpeners(
  input: DraftInput,
  w: Wording,
  isSafe: SafetyCheck,
): { sentences: string[]; specific: number } {
  const { lead, insight, seller } = input;
  const fromTopics = (topics: Topic[]): string[] =>
    topics
      .filter((t) => t.kind !== 'quote' || w.contractions || !hasContraction(t.phrase))
      .map((t) =>
        writeTopicOpener(t.kind, t.kind === 'quote' ? t.phrase : adapt(t.phrase, w.contractions), w),
      );
  const specific = [
    ...fromTopics(findTopicCandidates(lead.message ?? '')),
    ...fromTopics(findTopicCandidates(insight?.unansweredQuestion ?? '')),
    ...(insight !== null && insight.topics.length > 0
      ? [writeThreadOpener(describeCanonicalTopics(insight.topics))]
      : []),
    ...(insight !== null ? threadSubjectOpener(insight.subject) : []),
  ].filter(isSafe);
  const page = pageOpener(lead.source.pageTitle, seller.company, w);
  const plain = [writePlainOpener(seller.company, w), writePlainOpener(null, w)];
  const generic = [...page, ...plain].filter(isSafe);
  // The last resort is kept even if the voice bans one of its words: the linter will say so.
  const sentences = [...specific, ...generic];
  return {
    sentences: sentences.length > 0 ? sentences : [writePlainOpener(null, w)],
    specific: specific.length,
  };
}

function threadSubjectOpener(subject: string): string[] {
  const bare = subject.replace(/^(?:\s*(?:re|fwd?|aw|sv)\s*:\s*)+/i, '').trim();
  return bare !== '' && countWords(bare) <= 8 && !/["\u201c\u201d]/.test(bare)
    ? [writeThreadOpener(`"${bare}"`)]
    : [];
}

function pageOpener(pageTitle: string | null, sellerCompany: string, w: Wording): string[] {
  const title = (pageTitle ?? '').split(/\s+[|\u2022\u00b7:\u2012-\u2015-]+\s+/)[0]?.trim() ?? '';
  if (title === '' || countWords(title) > 6 || title.toLowerCase() === sellerCompany.toLowerCase()) return [];
  return [writePageOpener(title.replace(/\s+page$/i, ''), w)];
}

function prepareValue(
  input: DraftInput,
  company: string | null,
  w: Wording,
  isSafe: SafetyCheck,
): DraftMaterial['value'] {
  const duration = getCallDuration(input);
  const industry = humanizeIndustry(input.research.company.industry);
  const matchedIndustry = input.patterns.some((p) => p.matchedOn.includes('industry'));
  const ctx = {
    duration,
    company,
    industry: matchedIndustry && industry !== null && isSafe(industry) ? industry : null,
  };
  const specific = writeValueSentence(Object.assign({}, ctx, { hasTopic: true }), w);
  const generic = writeValueSentence(Object.assign({}, ctx, { industry: null, hasTopic: false }), w);
  return { specific, generic, short: writeShortValueSentence(duration, w) };
}

/** "30-minute" from the proposed slots, "short" when there are none to read it from. */
function getCallDuration(input: DraftInput): string {
  const first = input.slots.slots[0];
  if (first === undefined) return 'short';
  const minutes = Math.round((Date.parse(first.end) - Date.parse(first.start)) / 60_000);
  return Number.isFinite(minutes) && minutes >= 10 && minutes <= 240 ? `${minutes}-minute` : 'short';
}

/** "COMPUTER_SOFTWARE" -> "computer software", "IT_SERVICES" -> "IT services". */
export function humanizeIndustry(industry: string | null): string | null {
  if (industry === null || industry.trim() === '') return null;
  const words = industry.trim().replace(/_/g, ' ').split(/\s+/);
  const lower = (word: string): string => {
    if (word.length <= 2 && word === word.toUpperCase()) return word;
    return word === word.toUpperCase() || /^\p{Lu}\p{Ll}+$/u.test(word) ? word.toLowerCase() : word;
  };
  return words.map(lower).join(' ');
}

/** The approved answer's sentences, in order, up to the first one that cannot be used as written. */
function prepareAnswer(answer: string, useContractions: boolean, isSafe: SafetyCheck): string[] {
  const sentences = adapt(answer.replace(/\s+/g, ' ').trim(), useContractions)
    .split(/(?<=[.!])\s+(?=[\p{Lu}\p{N}"])/u)
    .map((s) => (/[.!]$/.test(s) ? s : `${s}.`));
  const safe: string[] = [];
  for (const sentence of sentences) {
    if (!/\p{L}/u.test(sentence) || !isSafe(sentence)) break;
    safe.push(sentence);
  }
  return safe;
}

const GENERIC_ASSET: ReadonlyArray<[RegExp, string]> = [
  [/pdf/i, 'PDF'],
  [/presentation|slides|powerpoint/i, 'deck'],
  [/spreadsheet|excel|sheet/i, 'spreadsheet'],
  [/video/i, 'video'],
  [/document|word|text/i, 'document'],
];

function prepareAsset(input: DraftInput, isSafe: SafetyCheck): DraftMaterial['asset'] {
  const { asset, plan } = input;
  if (asset === null || !plan.shareAsset) return null;
  const title = asset.name
    .replace(
      /\.(?:pdf|docx?|pptx?|xlsx?|key|pages|numbers|txt|md|csv|mp4|mov|png|jpe?g|gdoc|gsheet|gslides)$/i,
      '',
    )
    .replace(/_/g, ' ')
    .replace(/\s*[\u2012-\u2015]\s*/g, ', ')
    .replace(/["\u201c\u201d]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const named = `"${title}"`;
  const generic = GENERIC_ASSET.find(([pattern]) => pattern.test(asset.mimeType))?.[1] ?? 'resource';
  return {
    primary: plan.action === 'send-asset',
    name: title !== '' && title.length <= 80 && isSafe(named) ? named : null,
    generic,
    url: asset.url,
  };
}
