// The shapes of the demo workspace fixture, record by record. Shapes only: the checks that span
// records (ids that must exist, uniqueness) live in workspace-references.ts, and
// workspace-schema.ts joins the two.
import { z } from 'zod';
import { isValidTimeZone, TenantSettingsSchema } from '../../domain/settings.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** `jane@acme.example` or `Jane Doe <jane@acme.example>`, as a Gmail header carries it. */
export const MAIL_ADDRESS_HEADER =
  /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)$/;

const id = z.string().trim().min(1, 'must not be empty');
const text = z.string().trim().min(1, 'must not be empty');
const optionalText = text.nullable().default(null);
const instant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 date-time with a zone, e.g. 2026-11-24T15:15:00Z',
});
const email = z
  .email({ message: 'expected an email address, e.g. jane@acme.example' })
  .transform((value) => value.toLowerCase());
const zone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. America/New_York)' });
const hhmm = z.string().regex(HHMM, 'expected HH:MM (24-hour)');
const addressHeader = z
  .string()
  .trim()
  .regex(MAIL_ADDRESS_HEADER, 'expected "jane@acme.example" or "Jane Doe <jane@acme.example>"');

/** HubSpot's built-in lifecycle stages (internal values). */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const CrmFormSubmissionSchema = z.strictObject({
  formId: id,
  submissionId: id,
  submittedAt: instant,
});

export const FixtureContactSchema = z.strictObject({
  id,
  email,
  firstName: optionalText,
  lastName: optionalText,
  company: optionalText,
  jobTitle: optionalText,
  phone: optionalText,
  lifecycleStage: z.enum(LIFECYCLE_STAGES).nullable().default(null),
  leadStatus: optionalText,
  ownerId: id.nullable().default(null),
  timeZone: zone.nullable().default(null),
  emailOptOut: z.boolean().default(false),
  companyId: id.nullable().default(null),
  recentSubmissions: z.array(CrmFormSubmissionSchema).default([]),
  createdAt: instant,
});
export type FixtureContact = z.infer<typeof FixtureContactSchema>;

export const FixtureCompanySchema = z.strictObject({
  id,
  name: optionalText,
  domain: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i,
      'expected a bare domain such as acme.example (no scheme, path or @)',
    )
    .transform((value) => value.toLowerCase())
    .nullable()
    .default(null),
  industry: optionalText,
  employees: z.number().int().min(1).nullable().default(null),
});
export type FixtureCompany = z.infer<typeof FixtureCompanySchema>;

export const FixtureOwnerSchema = z.strictObject({
  id,
  email,
  firstName: optionalText,
  lastName: optionalText,
});

export const FixtureMessageSchema = z.strictObject({
  id,
  /** RFC 5322 Message-ID with angle brackets. */
  messageIdHeader: z
    .string()
    .regex(/^<[^<>\s]+@[^<>\s]+>$/, 'expected a Message-ID in angle brackets, e.g. <CAF=abc@mail.gmail.com>'),
  from: addressHeader,
  to: z.array(addressHeader).min(1, 'a message needs at least one recipient'),
  cc: z.array(addressHeader).default([]),
  /** Defaults to the thread subject, with "Re: " on replies. */
  subject: text.optional(),
  sentAt: instant,
  body: z.string(),
  labelIds: z.array(id).default([]),
});
export type FixtureMessage = z.infer<typeof FixtureMessageSchema>;

export const FixtureThreadSchema = z.strictObject({
  id,
  subject: text,
  labelIds: z.array(id).default([]),
  messages: z.array(FixtureMessageSchema).min(1, 'a thread needs at least one message'),
});
export type FixtureThread = z.infer<typeof FixtureThreadSchema>;

export const FixtureLabelSchema = z.strictObject({ id, name: text });

export const FixtureFolderSchema = z.strictObject({
  id,
  name: text,
  /** null for a top-level folder (a root the settings may allowlist). */
  parentId: id.nullable(),
});
export type FixtureFolder = z.infer<typeof FixtureFolderSchema>;

export const FixtureFileSchema = z.strictObject({
  id,
  name: text,
  mimeType: text.refine((value) => value !== 'application/vnd.google-apps.folder', {
    message: 'folders belong in drive.folders, not drive.files',
  }),
  parentId: id,
  webViewLink: z.url({ protocol: /^https$/, message: 'expected an https URL as Drive returns it' }),
  modifiedTime: instant,
  description: optionalText,
  trashed: z.boolean().default(false),
});
export type FixtureFile = z.infer<typeof FixtureFileSchema>;

const BusyBlockSchema = z
  .strictObject({ start: instant, end: instant, summary: optionalText })
  .refine((block) => Date.parse(block.start) < Date.parse(block.end), {
    message: 'start must be before end',
    path: ['end'],
  });

const WeeklyBusySchema = z
  .strictObject({
    /** ISO weekday: 1 = Monday ... 7 = Sunday. */
    weekday: z
      .number()
      .int()
      .min(1, 'weekday is 1 (Monday) to 7 (Sunday)')
      .max(7, 'weekday is 1 (Monday) to 7 (Sunday)'),
    start: hhmm,
    end: hhmm,
    summary: optionalText,
  })
  .refine((block) => block.start < block.end, {
    message: 'start must be before end (same day)',
    path: ['end'],
  });

export const PastOutreachSchema = z.strictObject({
  id,
  industry: optionalText,
  companySize: z.enum(['small', 'mid', 'large']).nullable().default(null),
  topics: z.array(text).default([]),
  angle: text,
  cta: z.enum(['book-meeting', 'send-asset', 'answer-question']),
  outcome: z.enum(['replied', 'meeting-booked', 'no-reply']),
  companyName: optionalText,
});

export const WorkspaceShape = z.strictObject({
  name: text,
  description: z.string().default(''),
  settings: TenantSettingsSchema.prefault({}),
  crm: z.strictObject({
    contacts: z.array(FixtureContactSchema).default([]),
    companies: z.array(FixtureCompanySchema).default([]),
    owners: z.array(FixtureOwnerSchema).default([]),
  }),
  mail: z.strictObject({
    /** The seller's own addresses: a message from one of them is ours, anything else is inbound. */
    ourAddresses: z.array(email).min(1, 'list at least the seller address'),
    threads: z.array(FixtureThreadSchema).default([]),
    labels: z.array(FixtureLabelSchema).default([]),
  }),
  drive: z.strictObject({
    folders: z.array(FixtureFolderSchema).default([]),
    files: z.array(FixtureFileSchema).default([]),
  }),
  calendar: z.strictObject({
    timeZone: zone,
    busy: z.array(BusyBlockSchema).default([]),
    weeklyBusy: z.array(WeeklyBusySchema).default([]),
  }),
  history: z.strictObject({ pastOutreach: z.array(PastOutreachSchema).default([]) }).prefault({}),
});

export type Workspace = z.infer<typeof WorkspaceShape>;
/** The fixture as written (before defaults), for building fixtures in code. */
export type WorkspaceInput = z.input<typeof WorkspaceShape>;
