// The drafts inbox: list, edit (re-linted against the run's facts), approve, reject, send. Sending
// re-checks everything at the moment of sending; in DRAFT_ONLY nothing is ever sent.
import { DateTime } from 'luxon';
import { lintDraft } from '../domain/draft/lint-draft.js';
import type { DraftRecord, DraftState } from '../domain/ports/draft-store.js';
import type { DraftFacts } from '../domain/results.js';
import { checkSend, checkSendPreconditions, isSuppressed } from '../domain/sending/check-send.js';
import type { TenantSettings } from '../domain/settings.js';
import { performOnce } from '../workflow/perform-once.js';
import type { ServiceDeps } from './service-deps.js';
import type { Actor, DraftActionOutcome, DraftsService } from './service-types.js';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

export function createDraftsService(deps: ServiceDeps, settingsCache: TenantSettingsCache): DraftsService {
  const { drafts } = deps.stores;
  const now = (): string => deps.clock().toISOString();

  async function decide(tenantId: string, draftId: string, from: DraftState[], to: DraftState, actor: Actor, reason: string | null): Promise<DraftActionOutcome> {
    const draft = await drafts.findDraft(tenantId, draftId);
    if (!draft) return notFound(draftId);
    const at = now();
    const patch = { state: to, decidedBy: actor, decidedAt: at, decisionReason: reason, updatedAt: at, actor };
    const updated = await drafts.updateDraft(tenantId, draftId, from, patch);
    if (!updated) return conflict(`draft ${draftId} is ${draft.state}; it cannot become ${to}`);
    return { ok: true, draft: updated };
  }

  return {
    async list(tenantId, filter) {
      const [page, counts] = await Promise.all([drafts.listDrafts(tenantId, filter), drafts.countDraftsByState(tenantId)]);
      return { ...page, counts };
    },
    get: (tenantId, draftId) => drafts.findDraft(tenantId, draftId),
    async edit(tenantId, draftId, change, actor) {
      const draft = await drafts.findDraft(tenantId, draftId);
      if (!draft) return notFound(draftId);
      const subject = change.subject ?? draft.subject;
      const body = change.body ?? draft.body;
      if (subject.trim() === '' || body.trim() === '') return { ok: false, code: 'validation', message: 'subject and body must not be empty' };
      const { settings } = await settingsCache.get(tenantId);
      const facts = await findFacts(deps, tenantId, draft);
      const lint = facts ? lintDraft({ subject, body }, settings.voice, facts) : [];
      const updated = await drafts.updateDraft(tenantId, draftId, ['pending', 'approved'], { subject, body, lint, state: 'pending', updatedAt: now(), actor });
      if (!updated) return conflict(`draft ${draftId} is ${draft.state}; only pending or approved drafts can be edited`);
      return { ok: true, draft: updated };
    },
    async approve(tenantId, draftId, actor) {
      const draft = await drafts.findDraft(tenantId, draftId);
      if (draft && draft.lint.length > 0) {
        return { ok: false, code: 'validation', message: `draft ${draftId} has ${draft.lint.length} lint problem(s); fix them before approving` };
      }
      return decide(tenantId, draftId, ['pending'], 'approved', actor, null);
    },
    reject(tenantId, draftId, reason, actor) {
      if (reason.trim() === '') return Promise.resolve({ ok: false, code: 'validation', message: 'a rejection needs a reason' });
      return decide(tenantId, draftId, ['pending', 'approved'], 'rejected', actor, reason.trim());
    },
    send: (tenantId, draftId, actor) => send(deps, settingsCache, tenantId, draftId, actor),
  };
}

async function send(deps: ServiceDeps, cache: TenantSettingsCache, tenantId: string, draftId: string, actor: Actor): Promise<DraftActionOutcome> {
  const { drafts, audit } = deps.stores;
  const draft = await drafts.findDraft(tenantId, draftId);
  if (!draft) return notFound(draftId);
  const { settings } = await cache.get(tenantId);
  const at = deps.clock();
  const base = { sending: settings.sending, globalKillSwitch: deps.globalKillSwitch, draftState: draft.state };
  const first = checkSendPreconditions(base);
  const decision = first.ok ? checkSend({ ...base, ...(await gatherFacts(deps, tenantId, settings, draft, at)) }) : first;
  if (!decision.ok) {
    await audit.append(tenantId, { actor, action: 'draft.send-refused', runId: draft.runId, stepId: null, details: { draftId, check: decision.check, message: decision.message }, at: at.toISOString() });
    return { ok: false, code: 'send-refused', check: decision.check, message: decision.message };
  }
  if (!draft.gmailDraftId) return conflict(`draft ${draftId} has no Gmail draft to send`);
  const gmailDraftId = draft.gmailDraftId;
  const { mail } = deps.connectorsFor(tenantId, settings);
  const sent = await performOnce({
    ledger: deps.stores.ledger,
    tenantId,
    runId: draft.runId,
    stepId: 'send-draft',
    idempotencyKey: `${tenantId}:${draft.runId}:send`,
    kind: 'mail.send',
    now: () => at.toISOString(),
    call: async () => {
      const message = await mail.sendDraft(gmailDraftId);
      return { externalId: message.messageId, result: message };
    },
    // A send whose outcome is unknown is never repeated automatically: a person checks Gmail first.
    reconcile: () => Promise.reject(new Error(`the earlier send of draft ${draftId} has an unknown outcome; check the Sent folder in Gmail before sending again`)),
  });
  const updated = await drafts.updateDraft(tenantId, draftId, ['approved'], { state: 'sent', sentAt: at.toISOString(), gmailMessageId: sent.externalId, updatedAt: at.toISOString(), actor });
  if (!updated) return conflict(`draft ${draftId} changed while it was being sent`);
  return { ok: true, draft: updated };
}

async function gatherFacts(deps: ServiceDeps, tenantId: string, settings: TenantSettings, draft: DraftRecord, at: Date) {
  const { mail, crm } = deps.connectorsFor(tenantId, settings);
  const windowStart = new Date(at.getTime() - settings.sending.perContactWindowDays * 86_400_000).toISOString();
  const startOfDay = DateTime.fromJSDate(at, { zone: settings.seller.timeZone }).startOf('day').toUTC().toISO() ?? at.toISOString();
  const [replied, contact, sentToday, sentToContact] = await Promise.all([
    mail.hasInboundSince(draft.to, draft.createdAt),
    crm.findContactByEmail(draft.to),
    deps.stores.drafts.countSent(tenantId, { since: startOfDay }),
    deps.stores.drafts.countSent(tenantId, { since: windowStart, to: draft.to }),
  ]);
  return {
    to: draft.to,
    prospectRepliedSinceDraft: replied,
    suppressed: isSuppressed(draft.to, settings.safety.suppressed),
    unsubscribed: contact?.emailOptOut ?? false,
    sentTodayFromMailbox: sentToday,
    sentToContactInWindow: sentToContact,
  };
}

/** The facts the run's writer linted against, from its write-draft checkpoint. */
async function findFacts(deps: ServiceDeps, tenantId: string, draft: DraftRecord): Promise<DraftFacts | null> {
  const steps = await deps.stores.runStore.listSteps(tenantId, draft.runId);
  const written = steps.filter((s) => s.stepId === 'write-draft' && s.status === 'succeeded').at(-1);
  return (written?.output as { facts?: DraftFacts } | undefined)?.facts ?? null;
}

function notFound(draftId: string): DraftActionOutcome {
  return { ok: false, code: 'not-found', message: `draft ${draftId} not found` };
}

function conflict(message: string): DraftActionOutcome {
  return { ok: false, code: 'conflict', message };
}
