// Steps 1-9: from the raw payload to a plan. Reads only, apart from the contact upsert and the
// company it may create (both idempotent).
import { createBusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { getSlotSearchWindow, planSlots } from '../../domain/calendar/plan-slots.js';
import { pickAsset } from '../../domain/assets/pick-asset.js';
import { PermanentError, ValidationError } from '../../domain/errors.js';
import { deriveLeadIdempotencyKey } from '../../domain/idempotency-key.js';
import { toSubmissionPayload } from '../../domain/ports/form-submissions.js';
import type { Lead } from '../../domain/lead.js';
import { getEmailDomain, isPersonalEmail } from '../../domain/lead.js';
import { parseLead } from '../../domain/lead/parse-lead.js';
import { planNextStep } from '../../domain/planning/plan-next-step.js';
import type { CrmCompany } from '../../domain/ports/crm.js';
import { collectOtherCompanyNames, recallSimilar } from '../../domain/research/recall-similar.js';
import { researchProspect } from '../../domain/research/research-prospect.js';
import type { AssetSearch, NextStepPlan, ProspectResearch, SlotProposal, ThreadSearch } from '../../domain/results.js';
import { extractTopics } from '../../domain/text/extract-topics.js';
import { pickLatestThread, readThread } from '../../domain/thread/read-thread.js';
import type { StepApi, StepContext } from '../engine.js';
import { SkipRunError } from '../engine.js';
import { performOnce } from '../perform-once.js';
import type { FormLeadDeps } from './form-lead-deps.js';
import type { ContactEventInput, FormLeadInput, ResolvedContact, SimilarOutreach, ThreadReading } from './form-lead-steps.js';

export interface Understanding {
  lead: Lead;
  resolved: ResolvedContact;
  research: ProspectResearch;
  reading: ThreadReading;
  similar: SimilarOutreach;
  assets: AssetSearch;
  slots: SlotProposal;
  plan: NextStepPlan;
}

export async function understandLead(step: StepApi, deps: FormLeadDeps, input: FormLeadInput): Promise<Understanding> {
  const lead = await step.run('validate-submission', async (ctx) =>
    validateSubmission(deps, input.event ? await resolveContactEvent(deps, input.event, ctx) : input.payload),
  );
  const resolved = await step.run('resolve-contact', (ctx) => resolveContact(deps, lead, ctx));
  const research = await step.run('research-prospect', () => researchLead(deps, lead, resolved));
  const search = await step.run('search-threads', (ctx) => searchThreads(deps, lead, ctx));
  const reading = await step.run('read-thread', (ctx) => readLatestThread(deps, lead, search, ctx));
  const topics = extractTopics([lead.message ?? '', ...(reading.insight?.topics ?? [])].join('\n'));
  const similar = await step.run('recall-similar', () => recall(deps, lead, research, topics));
  const assets = await step.run('find-assets', () => findAssets(deps, lead, research, topics));
  const slots = await step.run('propose-slots', (ctx) => proposeSlots(deps, lead, resolved, ctx));
  const plan = await step.run('plan-next-step', (ctx) =>
    Promise.resolve(
      planNextStep({
        lead,
        contact: resolved.contact,
        research,
        insight: reading.insight,
        asset: assets.chosen,
        slotsAvailable: slots.slots.length > 0,
        safety: deps.settings.safety,
        answers: deps.settings.knowledge.answers,
        now: ctx.now,
      }),
    ),
  );
  return { lead, resolved, research, reading, similar, assets, slots, plan };
}

function validateSubmission(deps: FormLeadDeps, payload: unknown): Lead {
  const parsed = parseLead(payload, { mapping: deps.settings.fieldMapping });
  if (!parsed.ok) throw new ValidationError(`the submission is not a valid lead (${describe(parsed.problems)})`, parsed.problems);
  const { lead } = parsed;
  const allowlist = deps.settings.forms.allowlist;
  const formId = lead.source.formId;
  if (allowlist.length > 0 && lead.source.kind !== 'json' && formId === null) {
    throw new ValidationError('the submission names no form id', [{ field: 'formId', reason: 'missing' }]);
  }
  if (allowlist.length > 0 && formId !== null && !allowlist.includes(formId)) {
    const problems = [{ field: 'formId', reason: `form ${formId} is not on the tenant's allowlist` }];
    throw new ValidationError(`form ${formId} is not on the tenant's allowlist`, problems);
  }
  return lead;
}

/**
 * A contact event carries no form data: read the contact's latest submission from HubSpot. Nothing to
 * do when there is none, or when that submission already has its own run (the form webhook got there).
 */
async function resolveContactEvent(deps: FormLeadDeps, event: ContactEventInput, ctx: StepContext): Promise<unknown> {
  const source = deps.connectors.formSubmissions;
  if (!source) throw new PermanentError(`contact event for ${event.contactId}: no HubSpot form submissions source is configured`);
  const record = await source.findLatestSubmissionForContact(event.contactId);
  if (!record) throw new SkipRunError(`contact ${event.contactId} has no form submission to answer`);
  const payload = toSubmissionPayload({ ...record, portalId: record.portalId ?? event.portalId });
  const parsed = parseLead(payload, { mapping: deps.settings.fieldMapping });
  if (parsed.ok && deps.intake) {
    const holder = await deps.intake.findRunIdByIdempotencyKey(ctx.tenantId, deriveLeadIdempotencyKey(parsed.lead, payload));
    if (holder !== null && holder !== ctx.runId) throw new SkipRunError(`duplicate: submission ${record.submissionId} is handled by run ${holder}`);
  }
  return payload;
}

function describe(problems: readonly { field: string; reason: string }[]): string {
  return problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
}

async function resolveContact(deps: FormLeadDeps, lead: Lead, ctx: StepContext): Promise<ResolvedContact> {
  const { crm } = deps.connectors;
  const existing = await crm.findContactByEmail(lead.email);
  const { contact } = await crm.upsertContact(
    {
      email: lead.email,
      firstName: lead.firstName,
      lastName: lead.lastName,
      company: lead.company,
      jobTitle: lead.jobTitle,
      phone: lead.phone,
    },
    `${ctx.idempotencyKey}:contact`,
  );
  if (contact.companyId) {
    return { contact, isNewContact: existing === null, company: await crm.getCompany(contact.companyId), companyCreated: false };
  }
  if (isPersonalEmail(lead.email)) return { contact, isNewContact: existing === null, company: null, companyCreated: false };
  const { company, created } = await findOrCreateCompany(deps, lead, ctx);
  await crm.associateContactWithCompany(contact.id, company.id);
  return { contact: Object.assign({}, contact, { companyId: company.id }), isNewContact: existing === null, company, companyCreated: created };
}

async function findOrCreateCompany(
  deps: FormLeadDeps,
  lead: Lead,
  ctx: StepContext,
): Promise<{ company: CrmCompany; created: boolean }> {
  const { crm } = deps.connectors;
  const domain = getEmailDomain(lead.email);
  const found = await crm.findCompanyByDomain(domain);
  if (found) return { company: found, created: false };
  const key = `${ctx.idempotencyKey}:company`;
  const outcome = await performOnce<CrmCompany>({
    ledger: ctx.ledger,
    tenantId: ctx.tenantId,
    runId: ctx.runId,
    stepId: ctx.stepId,
    idempotencyKey: key,
    kind: 'crm.company',
    now: () => ctx.now,
    call: async () => {
      const company = await crm.createCompany({ name: lead.company, domain }, key);
      return { externalId: company.id, result: company };
    },
    reconcile: async () => {
      const company = await crm.findCompanyByDomain(domain);
      return company ? { externalId: company.id, result: company } : null;
    },
  });
  return { company: outcome.result, created: !outcome.reused };
}

async function researchLead(deps: FormLeadDeps, lead: Lead, resolved: ResolvedContact): Promise<ProspectResearch> {
  const ownerId = resolved.contact.ownerId;
  const owner = ownerId ? await deps.connectors.crm.findOwner(ownerId) : null;
  return researchProspect({
    lead,
    contact: resolved.contact,
    isNewContact: resolved.isNewContact,
    company: resolved.company,
    owner,
  });
}

async function searchThreads(deps: FormLeadDeps, lead: Lead, ctx: StepContext): Promise<ThreadSearch> {
  const since = new Date(Date.parse(ctx.now) - deps.settings.crm.threadLookbackDays * 86_400_000).toISOString();
  const threads = await deps.connectors.mail.searchThreads({ email: lead.email, since, maxResults: deps.settings.crm.maxThreads });
  return { threads, query: { email: lead.email, since } };
}

async function readLatestThread(deps: FormLeadDeps, lead: Lead, search: ThreadSearch, ctx: StepContext): Promise<ThreadReading> {
  const latest = pickLatestThread(search.threads);
  if (!latest) return { insight: null };
  const thread = await deps.connectors.mail.getThread(latest.id);
  const ourAddresses = [deps.settings.seller.email];
  return { insight: readThread(thread, { prospectEmail: lead.email, ourAddresses, now: ctx.now }) };
}

async function recall(deps: FormLeadDeps, lead: Lead, research: ProspectResearch, topics: string[]): Promise<SimilarOutreach> {
  const history = await deps.connectors.history.listPastOutreach();
  const companyName = research.company.name ?? lead.company;
  return {
    patterns: recallSimilar(history, { industry: research.company.industry, sizeBand: research.company.sizeBand, topics, companyName }),
    otherCompanyNames: collectOtherCompanyNames(history, companyName),
  };
}

async function findAssets(deps: FormLeadDeps, lead: Lead, research: ProspectResearch, topics: string[]): Promise<AssetSearch> {
  const rules = deps.settings.drive.folders;
  if (rules.length === 0) return { chosen: null, considered: 0, eligible: 0, reason: 'no Drive folder is allowlisted' };
  const files = await deps.connectors.drive.listFilesUnder(rules.map((r) => r.folderId));
  return pickAsset(files, rules, { lead, research, topics });
}

async function proposeSlots(deps: FormLeadDeps, lead: Lead, resolved: ResolvedContact, ctx: StepContext): Promise<SlotProposal> {
  const { settings } = deps;
  const calendar = createBusinessCalendar({
    timeZone: settings.seller.timeZone,
    workingHours: settings.workingHours,
    holidays: settings.holidays,
  });
  const window = getSlotSearchWindow({ now: ctx.now, calendar, settings: settings.slots });
  const busy = await deps.connectors.calendar.getBusy(settings.seller.calendarId, window);
  return planSlots({
    now: ctx.now,
    busy,
    calendar,
    settings: settings.slots,
    prospectTimeZone: lead.timeZone ?? resolved.contact.timeZone,
  });
}
