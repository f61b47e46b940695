// Spam rules for a form lead: links, spam vocabulary, shouting, gibberish names, a filled honeypot and
// throwaway mail domains. Each rule scores; one weak signal alone (a link, "crypto") is not spam, so
// ordinary B2B messages pass. It never looks anything up.
import type { Lead } from '../lead.js';
import { getEmailDomain } from '../lead.js';
import { containsPhrase } from '../text/match-phrase.js';
import { findGibberishName } from './find-gibberish-name.js';

export interface SpamVerdict {
  isSpam: boolean;
  signals: string[];
}

const SPAM_THRESHOLD = 2;
const DISPOSABLE_DOMAINS = [
  'mailinator.com',
  'guerrillamail.com',
  'guerrillamail.net',
  'sharklasers.com',
  '10minutemail.com',
  'tempmail.com',
  'temp-mail.org',
  'tempmail.net',
  'throwawaymail.com',
  'yopmail.com',
  'getnada.com',
  'trashmail.com',
  'dispostable.com',
  'maildrop.cc',
  'fakeinbox.com',
];
/** Unmistakable pitches: one is enough. */
const STRONG_SPAM_PHRASES = [
  'seo services',
  'search engine optimization',
  'backlink*',
  'guest post*',
  'first page of google',
  'rank your website',
  'casino',
  'online betting',
  'payday loan*',
  'viagra',
  'cialis',
  'make money fast',
  'increase your traffic',
  'link building',
  'adult dating',
];
/** Words a legitimate prospect may use about their own business: only count alongside other signals. */
const WEAK_SPAM_WORDS = [
  'crypto',
  'cryptocurrency',
  'bitcoin',
  'forex',
  'loan',
  'loans',
  'investment opportunity',
  'lottery',
  'prize',
  'weight loss',
];
/** Long spam words may hide inside a host name; short ones must stand alone between dots or slashes. */
const SPAMMY_URL_SUBSTRINGS = /casino|viagra|cialis|bitcoin|porn/i;
const SPAMMY_URL_TOKENS = new Set([
  'seo',
  'loan',
  'loans',
  'xxx',
  'bet',
  'betting',
  'forex',
  'pills',
  'crypto',
]);
const URL_SHORTENERS = new Set(['bit.ly', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 'cutt.ly']);
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;
/** "honeypot", "hp_field", "website_url_hp", Netlify's "bot-field", Formspree's "_gotcha". */
const HONEYPOT_KEY = /honeypot|(?:^|[_\-\s])hp(?:$|[_\-\s])|^bot[_-]?field$|^_?gotcha$/i;
const MIN_CAPS_LETTERS = 20;
const CAPS_RATIO = 0.7;

function hostOf(url: string): string {
  return (
    url
      .replace(/^https?:\/\//i, '')
      .replace(/^www\./i, '')
      .split(/[/?#:]/)[0]
      ?.toLowerCase() ?? ''
  );
}

function isSpammyUrl(url: string): boolean {
  if (SPAMMY_URL_SUBSTRINGS.test(url)) return true;
  return url
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((token) => SPAMMY_URL_TOKENS.has(token));
}

type Rule = (lead: Lead, text: string) => { signal: string; points: number }[];

const linkRule: Rule = (_lead, text) => {
  const urls = text.match(URL_PATTERN) ?? [];
  const found = [];
  if (urls.length >= 2) found.push({ signal: `${urls.length} links in the message`, points: 1 });
  const spammy = urls.find(isSpammyUrl);
  if (spammy !== undefined) found.push({ signal: `a spam link (${spammy})`, points: 2 });
  const short = urls.find((u) => URL_SHORTENERS.has(hostOf(u)));
  if (short !== undefined) found.push({ signal: `a shortened link (${short})`, points: 1 });
  return found;
};

const vocabularyRule: Rule = (_lead, text) => {
  const strong = STRONG_SPAM_PHRASES.filter((p) => containsPhrase(text, p));
  const weak = WEAK_SPAM_WORDS.filter((w) => containsPhrase(text, w));
  const found = [];
  if (strong.length > 0)
    found.push({ signal: `spam wording: ${strong.map((p) => p.replace('*', '')).join(', ')}`, points: 2 });
  if (weak.length > 0)
    found.push({ signal: `spam-prone words: ${weak.join(', ')}`, points: Math.min(weak.length, 2) });
  return found;
};

const shoutingRule: Rule = (lead) => {
  // Runs of non-letters go at once: the same letters as one code point at a time, in a third of the time.
  const letters = (lead.message ?? '').replace(/\P{L}+/gu, '');
  const upper = letters.replace(/\P{Lu}+/gu, '').length;
  const shouting = letters.length >= MIN_CAPS_LETTERS && upper / letters.length > CAPS_RATIO;
  return shouting ? [{ signal: 'message written in capitals', points: 1 }] : [];
};

const nameRule: Rule = (lead) => {
  const verdict = findGibberishName(lead.firstName, lead.lastName);
  if (verdict === null) return [];
  return [{ signal: `gibberish name (${verdict.parts.join(' ')})`, points: verdict.allParts ? 2 : 1 }];
};

const honeypotRule: Rule = (lead) => {
  const filled = Object.entries(lead.custom).filter(
    ([key, value]) => HONEYPOT_KEY.test(key.trim()) && value.trim() !== '',
  );
  return filled.map(([key]) => ({
    signal: `hidden honeypot field "${key}" was filled`,
    points: SPAM_THRESHOLD,
  }));
};

const disposableRule: Rule = (lead) => {
  const domain = getEmailDomain(lead.email);
  const hit = DISPOSABLE_DOMAINS.find((d) => domain === d || domain.endsWith(`.${d}`));
  return hit === undefined ? [] : [{ signal: `disposable email domain (${domain})`, points: SPAM_THRESHOLD }];
};

const RULES: Rule[] = [honeypotRule, disposableRule, linkRule, vocabularyRule, shoutingRule, nameRule];

export function detectSpam(lead: Lead): SpamVerdict {
  const text = [lead.message ?? '', lead.company ?? '', lead.jobTitle ?? ''].join('\n');
  const found = RULES.flatMap((rule) => rule(lead, text));
  const points = found.reduce((sum, f) => sum + f.points, 0);
  return { isSpam: points >= SPAM_THRESHOLD, signals: found.map((f) => f.signal) };
}
