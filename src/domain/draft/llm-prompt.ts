// The chat prompt that asks a model for a draft, the repair prompt that lists what the linter found,
// and the parser for the model's answer. Built only from the run's facts (DraftInput); the model is
// told every rule the linter holds it to. It calls no model and does not lint.
import type { LintProblem, DraftFacts } from '../results.js';
import type { LlmMessage } from '../ports/llm.js';
import type { DraftInput } from './draft-input.js';

export type ParsedDraftReply = { ok: true; subject: string; body: string } | { ok: false; problems: string[] };

/** The subject a reply must carry byte for byte (Gmail threads only on a matching subject), or null. */
export function requiredSubject(input: DraftInput): string | null {
  const subject = input.insight?.subject.trim() ?? '';
  if (subject === '') return null;
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

export function buildDraftPrompt(input: DraftInput, facts: DraftFacts): LlmMessage[] {
  return [
    { role: 'system', content: systemRules(input) },
    { role: 'user', content: describeFacts(input, facts) },
  ];
}

/** The conversation so far plus the model's last answer and what was wrong with it. */
export function buildRepairPrompt(conversation: LlmMessage[], answer: string, problems: readonly string[]): LlmMessage[] {
  const list = problems.map((p) => `- ${p}`).join('\n');
  return [
    ...conversation,
    { role: 'assistant', content: answer },
    {
      role: 'user',
      content: `That draft breaks these rules:\n${list}\n\nRewrite it so that every rule holds. Keep every fact as given. Answer with the JSON object only.`,
    },
  ];
}

export function describeLintProblems(problems: readonly LintProblem[]): string[] {
  return problems.map((p) => `${p.rule}: ${p.message}${p.excerpt ? ` (found: "${p.excerpt}")` : ''}`);
}

/** Reads `{"subject": …, "body": …}`, also inside a ```json fence or surrounded by chatter. */
export function parseDraftReply(content: string): ParsedDraftReply {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start === -1 || end <= start) return { ok: false, problems: ['Answer with one JSON object {"subject": "...", "body": "..."}.'] };
  let value: unknown;
  try {
    value = JSON.parse(content.slice(start, end + 1));
  } catch {
    return { ok: false, problems: ['The answer is not valid JSON: escape line breaks in the body as \\n.'] };
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const problems: string[] = [];
  if (typeof record.subject !== 'string' || record.subject.trim() === '') problems.push('"subject" must be a non-empty string.');
  if (typeof record.body !== 'string' || record.body.trim() === '') problems.push('"body" must be a non-empty string.');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, subject: String(record.subject).trim(), body: normalizeBody(String(record.body)) };
}

function normalizeBody(body: string): string {
  return body.replace(/\r\n/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

function systemRules(input: DraftInput): string {
  const { voice, seller } = input;
  const banned = [...voice.bannedWords].map((w) => `"${w}"`).join(', ');
  const punctuation = ['\u2014 (em dash)', '\u2013 (en dash)', ...voice.bannedPunctuation.filter((p) => p !== '\u2014' && p !== '\u2013')].join(', ');
  return [
    `You write one short sales email reply for ${seller.name}, ${seller.title} at ${seller.company}. Tone: ${voice.tone}.`,
    'Rules (a linter checks every one):',
    `- Open with "${voice.greeting} <first name>," on its own line ("${voice.greeting} there," when no first name is given). Write names exactly as given.`,
    `- End with a blank line, "${voice.signOff}", then "${seller.firstName}" on the next line.`,
    `- At most ${voice.maxParagraphs} paragraphs and ${voice.maxWords} words, not counting the sign-off.`,
    '- Exactly one question mark in the whole email: the call to action, phrased as a question.',
    `- Never use these words: ${banned}. Never use these characters: ${punctuation}; use commas, colons or full stops.`,
    '- Mention no time, date or weekday other than the offered times, copied exactly. Include no URL other than the ones given, copied exactly.',
    '- Never name another client or company other than the prospect\'s and ours. No placeholders such as [Name] or {company}.',
    voice.useContractions ? '- Contractions are fine.' : '- Do not use contractions.',
    voice.allowPs ? '- A P.S. is allowed.' : '- No P.S.',
    'Answer with a JSON object only: {"subject": "...", "body": "..."} with line breaks in the body written as \\n.',
  ].join('\n');
}

function describeFacts(input: DraftInput, facts: DraftFacts): string {
  const { lead, plan, insight, research } = input;
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  const lines = [
    `Prospect: ${name || '(no name given)'}${lead.jobTitle ? `, ${lead.jobTitle}` : ''}${lead.company ? ` at ${lead.company}` : ''} <${lead.email}>.`,
    `First name to greet: ${lead.firstName ?? '(none: greet with "there")'}.`,
    `What they wrote in the form: ${lead.message ?? '(nothing)'}`,
    `Next step we chose: ${plan.action}. ${plan.reason}`,
  ];
  if (plan.answer) lines.push(`Approved answer to give (restate it faithfully, do not add claims): ${plan.answer.answer}`);
  if (insight) {
    lines.push(`Earlier email thread "${insight.subject}" (${insight.messageCount} messages, last from ${insight.lastSpeaker}): ${insight.summary}`);
    if (insight.unansweredQuestion) lines.push(`Their unanswered question: ${insight.unansweredQuestion}`);
  }
  if (research.talkingPoints.length > 0) lines.push(`Background: ${research.talkingPoints.join(' ')}`);
  if (facts.slots.length > 0) lines.push(`Offer these times, each copied exactly:\n${facts.slots.map((s) => `- ${s.label}`).join('\n')}`);
  else if (plan.action === 'book-meeting') lines.push('No free times fit: ask for their availability instead of naming times.');
  if (facts.assetUrl) lines.push(`Share this link, copied exactly: ${facts.assetUrl}${input.asset ? ` (${input.asset.name})` : ''}`);
  if (facts.bookingLink) lines.push(`Booking page you may link: ${facts.bookingLink}`);
  if (facts.otherCompanyNames.length > 0) lines.push(`Never mention: ${facts.otherCompanyNames.join(', ')}.`);
  const subject = requiredSubject(input);
  lines.push(subject ? `Subject (reply in the thread, keep it exactly): ${subject}` : 'Subject: a few plain words about their topic.');
  return lines.join('\n');
}
