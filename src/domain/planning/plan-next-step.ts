// Chooses the one call to action for a lead: no action when a safety rule blocks, else answer their
// question from an approved answer, send the asset they asked for, or book a meeting.
// It never writes anything; the reason is one plain sentence for the dashboard.
import type { Lead } from '../lead.js';
import type { CrmContact } from '../ports/crm.js';
import type { AssetChoice, NextStepPlan, ProspectResearch, ThreadInsight } from '../results.js';
import type { ApprovedAnswer, SafetySettings } from '../settings.js';
import { extractTopics } from '../text/extract-topics.js';
import { findQuestions, splitSentences } from '../text/find-questions.js';
import { joinWords } from '../text/join-words.js';
import { containsPhrase } from '../text/match-phrase.js';
import { findBlockingReason } from './find-blocking-reason.js';
import { matchApprovedAnswers } from './match-approved-answer.js';

export interface PlanInput {
  lead: Lead;
  contact: CrmContact;
  research: ProspectResearch;
  insight: ThreadInsight | null;
  asset: AssetChoice | null;
  slotsAvailable: boolean;
  safety: SafetySettings;
  answers: ApprovedAnswer[];
  now: string;
}

const MATERIAL_PHRASES = [
  'send me',
  'send us',
  'send over',
  'could you send',
  'can you send',
  'please send',
  'share',
  'case study',
  'case studies',
  'brochure',
  'pricing sheet',
  'price list',
  'whitepaper',
  'white paper',
  'deck',
  'one pager',
  'datasheet',
  'data sheet',
  'spec sheet',
  'documentation',
  'more information',
  'more info',
  'materials',
];
/** Asking to talk outweighs asking for material: then the meeting is the action and the asset rides along. */
const MEETING_PHRASES = [
  'call',
  'meeting',
  'meet',
  'demo',
  'chat',
  'talk',
  'speak',
  'schedule',
  'walk through',
  'walkthrough',
];
const MAX_QUOTE = 120;
/** At most this many approved answers in one reply: more would bury the call to action. */
const MAX_ANSWERS = 2;

function quote(text: string): string {
  const short = text.length <= MAX_QUOTE ? text : `${text.slice(0, MAX_QUOTE).replace(/\s+\S*$/, '')}...`;
  return `"${short.replace(/[\u2013\u2014]/g, ',')}"`;
}

/** The prospect's open questions: the thread's unanswered one, then the form message's. */
function openQuestions({ lead, insight }: PlanInput): string[] {
  const fromThread =
    insight?.lastSpeaker === 'prospect' && insight.unansweredQuestion !== null
      ? [insight.unansweredQuestion]
      : [];
  return [...fromThread, ...findQuestions(lead.message ?? '')];
}

function noAction(code: NextStepPlan['noActionCode'], reason: string): NextStepPlan {
  return {
    action: 'no-action',
    reason,
    noActionCode: code,
    offerSlots: false,
    shareAsset: false,
    answer: null,
  };
}

function planAnswer(input: PlanInput): NextStepPlan | null {
  const matched: { question: string; answer: ApprovedAnswer }[] = [];
  for (const question of openQuestions(input)) {
    for (const answer of matchApprovedAnswers(question, input.answers)) {
      if (!matched.some((m) => m.answer.id === answer.id)) matched.push({ question, answer });
    }
  }
  const first = matched[0];
  if (first === undefined) return null;
  const used = matched.slice(0, MAX_ANSWERS);
  const ids = used.map((m) => `"${m.answer.id}"`).join(' and ');
  return {
    action: 'answer-question',
    reason: `They asked ${quote(first.question)}, which the approved ${used.length > 1 ? 'answers' : 'answer'} ${ids} cover${used.length > 1 ? '' : 's'}.`,
    noActionCode: null,
    offerSlots: input.slotsAvailable,
    shareAsset: input.asset !== null,
    answer: combineAnswers(used.map((m) => m.answer)),
  };
}

/** Several questions answered at once: one answer holding the opening sentence of each, in order. */
function combineAnswers(answers: ApprovedAnswer[]): ApprovedAnswer {
  const [only] = answers;
  if (answers.length === 1 && only) return only;
  return {
    id: answers.map((a) => a.id).join('+'),
    keywords: [...new Set(answers.flatMap((a) => a.keywords))],
    answer: answers.map((a) => firstSentence(a.answer)).join(' '),
  };
}

/** The answer's opening sentence, with the next one when the first is only "Yes." or the like. */
function firstSentence(text: string): string {
  const [head, next] = splitSentences(text);
  if (head === undefined) return text.trim();
  return head.split(/\s+/).length <= 3 && next !== undefined ? `${head} ${next}` : head;
}

function planSendAsset(input: PlanInput): NextStepPlan | null {
  const { asset } = input;
  const text = [input.lead.message ?? '', openQuestions(input).join(' ')].join('\n');
  const asked = MATERIAL_PHRASES.find((p) => containsPhrase(text, p));
  if (asset === null || asked === undefined || MEETING_PHRASES.some((p) => containsPhrase(text, p)))
    return null;
  return {
    action: 'send-asset',
    reason: `They asked for material ("${asked}") and "${asset.name}" from Drive fits it.`,
    noActionCode: null,
    offerSlots: input.slotsAvailable,
    shareAsset: true,
    answer: null,
  };
}

function planMeeting(input: PlanInput): NextStepPlan {
  const topics = extractTopics([input.lead.message ?? '', ...(input.insight?.topics ?? [])].join('\n')).slice(
    0,
    3,
  );
  const about = topics.length > 0 ? ` about ${joinWords(topics)}` : '';
  const slots = input.slotsAvailable ? 'with free times to offer' : 'asking for their availability';
  return {
    action: 'book-meeting',
    reason: `They reached out through the form${about} and nothing blocks a reply, so we propose a meeting ${slots}.`,
    noActionCode: null,
    offerSlots: input.slotsAvailable,
    shareAsset: input.asset !== null,
    answer: null,
  };
}

export function planNextStep(input: PlanInput): NextStepPlan {
  const block = findBlockingReason(input);
  if (block !== null) return noAction(block.code, block.reason);
  return planAnswer(input) ?? planSendAsset(input) ?? planMeeting(input);
}
