// The deterministic writer's sentences, in each register the voice can ask for (formal or not, with or
// without contractions, direct or soft questions). Only wording lives here; what to say is decided elsewhere.
import type { VoiceProfile } from '../settings.js';
import type { TopicKind } from './extract-topic.js';

export interface Wording {
  formal: boolean;
  contractions: boolean;
  soft: boolean;
}

export function getWording(voice: VoiceProfile): Wording {
  return {
    formal: voice.tone === 'formal',
    contractions: voice.useContractions,
    soft: voice.ctaStyle === 'soft-question',
  };
}

function thanks(w: Wording): string {
  return w.formal ? 'Thank you' : 'Thanks';
}

function pick(w: Wording, contracted: string, full: string): string {
  return w.contractions ? contracted : full;
}

export function writeTopicOpener(kind: TopicKind, phrase: string, w: Wording): string {
  const t = thanks(w);
  switch (kind) {
    case 'question':
      return `${t} for your question about ${phrase}.`;
    case 'asking':
      return `${t} for asking ${phrase}.`;
    case 'interest':
      return `${t} for your interest in ${phrase}.`;
    case 'request':
      return `${t} for asking for ${phrase}.`;
    case 'about':
      return `${t} for reaching out about ${phrase}.`;
    case 'noun':
      return `${t} for your ${phrase}.`;
    case 'quote':
      return `${t} for your note and the context you shared: "${phrase}."`;
  }
}

export function writeThreadOpener(about: string): string {
  return `Following up on our conversation about ${about}.`;
}

export function writePageOpener(pageTitle: string, w: Wording): string {
  return `${thanks(w)} for ${w.formal ? 'completing' : 'filling in'} the form on our ${pageTitle} page.`;
}

export function writePlainOpener(sellerCompany: string | null, w: Wording): string {
  return sellerCompany === null
    ? `${thanks(w)} for getting in touch.`
    : `${thanks(w)} for reaching out to ${sellerCompany}.`;
}

export interface ValueContext {
  duration: string;
  company: string | null;
  industry: string | null;
  hasTopic: boolean;
}

/** Why a call is worth their time. An industry claim only when our own history matched their industry. */
export function writeValueSentence(c: ValueContext, w: Wording): string {
  const call = `a ${c.duration} call`;
  const forThem = c.company === null ? '' : ` for ${c.company}`;
  if (c.industry !== null && c.hasTopic) {
    return `${pick(w, "We've", 'We have')} helped other ${c.industry} teams with this, and ${call} is the easiest way to see what would fit${forThem}.`;
  }
  const who = c.company ?? 'your team';
  const what = c.hasTopic ? (w.formal ? 'approaches this today' : 'handles this today') : 'works today';
  return `${pick(w, "I'd", 'I would')} suggest ${call} so I can learn how ${who} ${what} and show you what could fit.`;
}

export function writeShortValueSentence(duration: string, w: Wording): string {
  return `${pick(w, "I'd", 'I would')} suggest a ${duration} call as a next step.`;
}

export function writeAssetIntro(name: string, w: Wording): string {
  return w.formal ? `You may find ${name} useful:` : `I thought ${name} might be useful here:`;
}

export function writeSecondaryAssetIntro(name: string, w: Wording): string {
  return `${pick(w, "I've", 'I have')} also included ${name}, in case it helps:`;
}

export function writeAssetPs(name: string): string {
  return `P.S. In case it helps, here is ${name}:`;
}

export function writeGuestPs(company: string): string {
  return `P.S. Anyone else from ${company} is welcome to join the call.`;
}

/** The lead-in above the slot list; after an answer or an asset it offers the call as optional. */
export function writeSlotLeadIn(count: number, afterContent: boolean, w: Wording): string {
  if (w.formal) {
    const times =
      count === 1 ? 'I am available at the following time:' : 'I am available at the following times:';
    return afterContent ? `If it would be helpful to discuss this further, ${times}` : times;
  }
  const times = count === 1 ? 'a time that works on my side:' : 'a few times that work on my side:';
  const verb = count === 1 ? 'is' : 'are';
  return afterContent
    ? `If it would help to go through it together, here ${verb} ${times}`
    : `Here ${verb} ${times}`;
}

export function writeSlotQuestion(count: number, w: Wording): string {
  const which = count === 1 ? 'that time' : 'one of these times';
  if (w.formal) return `Would ${which} be convenient for you?`;
  return w.soft ? `Would ${which} suit you, by any chance?` : `Would ${which} work for you?`;
}

/** Asks for their availability; with a booking link, also offers the calendar linked below it. */
export function writeAvailabilityQuestion(hasBookingLink: boolean, w: Wording): string {
  if (w.formal)
    return `Could you let me know some convenient times${hasBookingLink ? ', or choose one below' : ''}?`;
  if (w.soft)
    return hasBookingLink
      ? 'Would you mind sharing a few good times, or picking one below?'
      : 'Would you mind sharing a few times that suit you?';
  return `Could you share a few times that suit you${hasBookingLink ? ', or pick one below' : ''}?`;
}

export function writeAssetQuestion(w: Wording): string {
  if (w.formal) return 'Does this address what you were looking for?';
  return w.soft ? 'Would this be a useful starting point?' : 'Does this cover what you were looking for?';
}

export function writeAnswerQuestion(hasAnswer: boolean, w: Wording): string {
  if (!hasAnswer || w.soft) return 'Would it help to go through it together on a short call?';
  return 'Does that answer your question?';
}
