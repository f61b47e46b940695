// The checks made at the moment of sending (DESIGN.md section 6). Pure: the caller gathers the facts
// (mode, switches, replies, suppression, counts) and this decides, naming the check that refused.
import type { DraftState } from '../ports/draft-store.js';
import type { SendingSettings } from '../settings.js';

export type SendCheck =
  | 'draft-only-mode'
  | 'kill-switch'
  | 'not-approved'
  | 'prospect-replied'
  | 'suppressed'
  | 'unsubscribed'
  | 'daily-cap'
  | 'contact-cap';

export interface SendFacts {
  sending: SendingSettings;
  globalKillSwitch: boolean;
  draftState: DraftState;
  to: string;
  prospectRepliedSinceDraft: boolean;
  suppressed: boolean;
  unsubscribed: boolean;
  sentTodayFromMailbox: number;
  sentToContactInWindow: number;
}

export type SendDecision = { ok: true } | { ok: false; check: SendCheck; message: string };

/** The checks that need no external call; the rest follow only when these pass. */
export function checkSendPreconditions(f: Pick<SendFacts, 'sending' | 'globalKillSwitch' | 'draftState'>): SendDecision {
  if (f.globalKillSwitch || f.sending.killSwitch) {
    const which = f.globalKillSwitch ? 'the global kill switch (SEND_KILL_SWITCH)' : "the tenant's kill switch";
    return { ok: false, check: 'kill-switch', message: `sending is stopped by ${which}; nothing was sent` };
  }
  if (f.sending.mode !== 'SEND') {
    return { ok: false, check: 'draft-only-mode', message: 'the tenant is in DRAFT_ONLY mode: drafts are never sent; nothing was sent' };
  }
  if (f.draftState !== 'approved') {
    return { ok: false, check: 'not-approved', message: `the draft is ${f.draftState}; only an approved draft can be sent` };
  }
  return { ok: true };
}

export function checkSend(f: SendFacts): SendDecision {
  const first = checkSendPreconditions(f);
  if (!first.ok) return first;
  if (f.prospectRepliedSinceDraft) {
    return { ok: false, check: 'prospect-replied', message: `${f.to} has written since this draft was made; read their reply before sending` };
  }
  if (f.suppressed) return { ok: false, check: 'suppressed', message: `${f.to} is on the suppression list` };
  if (f.unsubscribed) return { ok: false, check: 'unsubscribed', message: `${f.to} has opted out of email in the CRM` };
  if (f.sentTodayFromMailbox >= f.sending.dailyCapPerMailbox) {
    return { ok: false, check: 'daily-cap', message: `the mailbox has sent ${f.sentTodayFromMailbox} of its ${f.sending.dailyCapPerMailbox} emails today` };
  }
  if (f.sentToContactInWindow >= f.sending.perContactCap) {
    const days = f.sending.perContactWindowDays;
    return { ok: false, check: 'contact-cap', message: `${f.to} was already sent ${f.sentToContactInWindow} email(s) in the last ${days} days (cap ${f.sending.perContactCap})` };
  }
  return { ok: true };
}

/** Is the address, or its domain, on the list? Entries are addresses or `@domain` (or a bare domain). */
export function isSuppressed(email: string, entries: readonly string[]): boolean {
  const address = email.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('@') && !entry.startsWith('@')) return entry === address;
    const d = entry.replace(/^@/, '');
    return domain === d || domain.endsWith(`.${d}`);
  });
}
