// Loads a demo workspace into the fake HubSpot and the fake Google, so a `--live` run against the
// fakes sees the same world the demo connectors show: contacts, companies, owners and their form
// submissions; threads with their Message-IDs and labels; Drive folders and files with their links;
// busy times (weekly blocks expanded over a window). It does not start the servers.
import { DateTime } from 'luxon';
import type { Workspace } from '../../src/connectors/demo/workspace-schema.js';
import type { FakeHubspot } from '../fake-servers/hubspot/index.js';
import type { FakeGoogle } from '../fake-servers/google/start-fake-google.js';

/** HubSpot stores an IANA zone as lower case with `/` written `_slash_` (api-contracts.md 1.4). */
const toHubspotZone = (zone: string | null): string | null => (zone === null ? null : zone.toLowerCase().replace(/\//g, '_slash_'));

export function seedHubspotFromWorkspace(hubspot: FakeHubspot, workspace: Workspace): void {
  const { crm } = workspace;
  hubspot.seed({
    companies: crm.companies.map((c) => ({
      id: c.id,
      properties: {
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        numberofemployees: c.employees === null ? null : String(c.employees),
      },
    })),
    contacts: crm.contacts.map((c) => ({
      id: c.id,
      companyIds: c.companyId === null ? [] : [c.companyId],
      properties: {
        email: c.email,
        firstname: c.firstName,
        lastname: c.lastName,
        company: c.company,
        jobtitle: c.jobTitle,
        phone: c.phone,
        lifecyclestage: c.lifecycleStage,
        hs_lead_status: c.leadStatus,
        hubspot_owner_id: c.ownerId,
        hs_timezone: toHubspotZone(c.timeZone),
        hs_email_optout: c.emailOptOut ? 'true' : 'false',
        createdate: c.createdAt,
      },
    })),
    owners: crm.owners.map((o, i) => ({ id: o.id, email: o.email, firstName: o.firstName ?? '', lastName: o.lastName ?? '', userId: 9_000_000 + i })),
    submissions: crm.contacts.flatMap((c) =>
      c.recentSubmissions.map((s) => ({
        formGuid: s.formId,
        conversionId: s.submissionId,
        submittedAt: Date.parse(s.submittedAt),
        values: { email: c.email, ...(c.firstName ? { firstname: c.firstName } : {}) },
      })),
    ),
  });
}

export function seedGoogleFromWorkspace(google: FakeGoogle, workspace: Workspace, window?: { from: string; to: string }): void {
  const ours = new Set(workspace.mail.ourAddresses.map((a) => a.toLowerCase()));
  for (const label of workspace.mail.labels) google.seed.label({ id: label.id, name: label.name });
  for (const thread of workspace.mail.threads) {
    google.seed.thread({
      id: thread.id,
      messages: thread.messages.map((m, index) => {
        const fromUs = [...ours].some((address) => m.from.toLowerCase().includes(address));
        return {
          id: m.id,
          from: m.from,
          to: m.to,
          cc: m.cc,
          subject: m.subject ?? (index === 0 ? thread.subject : `Re: ${thread.subject}`),
          sentAt: m.sentAt,
          messageId: m.messageIdHeader,
          labelIds: [fromUs ? 'SENT' : 'INBOX', ...thread.labelIds, ...m.labelIds],
          text: m.body,
        };
      }),
    });
  }
  seedDrive(google, workspace);
  seedCalendar(google, workspace, window ?? defaultWindow(workspace));
}

function seedDrive(google: FakeGoogle, workspace: Workspace): void {
  for (const folder of workspace.drive.folders) {
    google.seed.folder({ id: folder.id, name: folder.name, parents: [folder.parentId ?? 'root'] });
  }
  for (const file of workspace.drive.files) {
    const seeded = google.seed.file({
      id: file.id,
      name: file.name,
      parents: [file.parentId],
      mimeType: file.mimeType,
      trashed: file.trashed,
      modifiedTime: file.modifiedTime,
      ...(file.description === null ? {} : { description: file.description }),
    });
    // The fixture's link is what the demo shows and what a draft may cite: keep it byte for byte.
    seeded.webViewLink = file.webViewLink;
  }
}

function seedCalendar(google: FakeGoogle, workspace: Workspace, window: { from: string; to: string }): void {
  const { calendar, settings } = workspace;
  google.state.timeZone = calendar.timeZone;
  const ranges = calendar.busy.map((b) => ({ start: b.start, end: b.end }));
  const zone = calendar.timeZone;
  const last = DateTime.fromISO(window.to, { zone }).startOf('day');
  for (let day = DateTime.fromISO(window.from, { zone }).startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    for (const block of calendar.weeklyBusy.filter((b) => b.weekday === day.weekday)) {
      ranges.push({ start: atLocal(day, block.start), end: atLocal(day, block.end) });
    }
  }
  // `primary` is the mailbox owner's calendar, which the fake files under the owner's address.
  const id = settings.seller.calendarId === 'primary' ? google.state.userEmail : settings.seller.calendarId;
  google.seed.busy(id, ranges);
}

function atLocal(day: DateTime, hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 }).toISO() ?? '';
}

/** From a month before the workspace's first busy block to three months after its last. */
function defaultWindow(workspace: Workspace): { from: string; to: string } {
  const starts = workspace.calendar.busy.map((b) => Date.parse(b.start));
  const first = starts.length === 0 ? Date.parse('2026-11-01T00:00:00Z') : Math.min(...starts);
  const last = starts.length === 0 ? first : Math.max(...workspace.calendar.busy.map((b) => Date.parse(b.end)));
  return { from: new Date(first - 31 * 86_400_000).toISOString(), to: new Date(last + 92 * 86_400_000).toISOString() };
}
