// Short facts about the prospect, each taken from the CRM or the lead as written; nothing inferred
// except an industry that research marked as inferred from the name.
import { DateTime } from 'luxon';
import type { ProspectResearch } from '../results.js';

const LIFECYCLE_LABELS: Readonly<Record<string, string>> = {
  subscriber: 'subscriber',
  lead: 'lead',
  marketingqualifiedlead: 'marketing qualified lead',
  salesqualifiedlead: 'sales qualified lead',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'evangelist',
  other: 'other',
};

function humanize(value: string): string {
  const key = value.trim().toLowerCase();
  return LIFECYCLE_LABELS[key] ?? key.replace(/_+/g, ' ');
}

function contactPoint(research: ProspectResearch, contactCreatedAt: string): string {
  if (research.isNewContact) return 'New contact: this is their first record in the CRM.';
  const since = DateTime.fromISO(contactCreatedAt, { zone: 'utc' }).setLocale('en-US');
  return since.isValid
    ? `Existing contact in the CRM since ${since.toFormat('LLL yyyy')}.`
    : 'Existing contact in the CRM.';
}

function companyPoints(research: ProspectResearch, industryInferred: boolean): string[] {
  const { company } = research;
  const points: string[] = [];
  if (company.industry !== null) {
    points.push(
      `Industry: ${company.industry}${industryInferred ? ' (inferred from the company name or domain)' : ''}.`,
    );
  }
  if (company.employees !== null && company.sizeBand !== null) {
    points.push(`Company size: ${company.employees} employees (${company.sizeBand}).`);
  }
  return points;
}

export function buildTalkingPoints(
  research: ProspectResearch,
  facts: { jobTitle: string | null; contactCreatedAt: string; industryInferred: boolean },
): string[] {
  const points = [contactPoint(research, facts.contactCreatedAt)];
  const stage = research.lifecycleStage;
  if (stage !== null && stage.trim() !== '') {
    points.push(
      humanize(stage) === 'customer'
        ? 'Existing customer (lifecycle stage: customer).'
        : `Lifecycle stage: ${humanize(stage)}.`,
    );
  }
  if (research.leadStatus !== null && research.leadStatus.trim() !== '')
    points.push(`Lead status: ${humanize(research.leadStatus)}.`);
  if (research.owner !== null) points.push(`Contact owner: ${research.owner.name}.`);
  if (facts.jobTitle !== null) points.push(`Job title: ${facts.jobTitle}.`);
  points.push(...companyPoints(research, facts.industryInferred));
  if (research.isPersonalEmail)
    points.push(`Wrote from a personal address (${research.emailDomain}), not a company one.`);
  return points;
}
