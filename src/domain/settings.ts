// A tenant's settings: seller, hours, holidays, slots, voice, Drive rules, forms, intake mapping,
// safety. One zod schema, parsed once; every field has a default so `{}` is a working tenant.
import { z } from 'zod';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, 'expected HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const ianaZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. America/New_York)' });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const SellerSchema = z.object({
  name: z.string().min(1).default('Alex Morgan'),
  firstName: z.string().min(1).default('Alex'),
  email: z.email().default('alex@northwind.example'),
  title: z.string().default('Account Executive'),
  company: z.string().min(1).default('Northwind Analytics'),
  timeZone: ianaZone.default('America/New_York'),
  calendarId: z.string().default('primary'),
  /** A public booking page the draft may link to. */
  bookingLink: z.url().nullable().default(null),
});
export type Seller = z.infer<typeof SellerSchema>;

export const WorkingHoursSchema = z
  .object({
    start: hhmm.default('09:00'),
    end: hhmm.default('17:00'),
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  })
  .refine((h) => !HHMM.test(h.start) || !HHMM.test(h.end) || h.start < h.end, { message: 'working hours must start before they end', path: ['end'] });
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

export const HolidaySettingsSchema = z.object({
  /** Use the built-in US federal list (observed dates, 2026-2028). */
  useUsFederal: z.boolean().default(true),
  /** Extra non-working dates in the seller's zone. */
  extra: z.array(isoDate).default([]),
  /** Built-in dates to work anyway. */
  remove: z.array(isoDate).default([]),
});
export type HolidaySettings = z.infer<typeof HolidaySettingsSchema>;

export const SlotSettingsSchema = z.object({
  count: z.number().int().min(1).max(5).default(3),
  /** Fewer than this many fitting slots means "ask for their availability". */
  minCount: z.number().int().min(1).max(5).default(2),
  durationMinutes: z.number().int().min(10).max(240).default(30),
  minNoticeMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
  lookAheadBusinessDays: z.number().int().min(1).max(30).default(5),
  bufferMinutes: z.number().int().min(0).max(120).default(15),
  /** Candidate starts are aligned to this grid (minutes past the hour). */
  stepMinutes: z.number().int().min(5).max(60).default(30),
  /**
   * When the prospect's zone differs from the seller's, prefer slots inside this local day of theirs
   * (on their weekdays), falling back to any free slot only when too few fit.
   */
  prospectDay: z.object({ start: hhmm.default('08:00'), end: hhmm.default('18:00') }).prefault({}),
});
export type SlotSettings = z.infer<typeof SlotSettingsSchema>;

export const VoiceProfileSchema = z.object({
  name: z.string().default('default'),
  tone: z.enum(['professional', 'friendly', 'casual', 'formal']).default('friendly'),
  greeting: z.string().min(1).default('Hi'),
  signOff: z.string().min(1).default('Best,'),
  maxParagraphs: z.number().int().min(1).max(10).default(4),
  maxWords: z.number().int().min(30).max(1000).default(200),
  bannedWords: z
    .array(z.string().min(1))
    .default(['synergy', 'leverage', 'circle back', 'touch base', 'low-hanging fruit', 'move the needle', 'bandwidth']),
  /** Punctuation that must not appear; the em and en dash are always banned by the linter as well. */
  bannedPunctuation: z.array(z.string().min(1)).default(['\u2014', '\u2013', '!!', '???']),
  ctaStyle: z.enum(['question', 'soft-question']).default('question'),
  allowPs: z.boolean().default(false),
  useContractions: z.boolean().default(true),
});
export type VoiceProfile = z.infer<typeof VoiceProfileSchema>;

export const DriveFolderRuleSchema = z.object({
  folderId: z.string().min(1),
  /** A label for people (the folder's name in Drive). */
  name: z.string().default(''),
  /** Relative folder-path prefixes allowed below the root; empty means everything below it. */
  include: z.array(z.string()).default([]),
  /** Relative folder-path prefixes refused; exclude wins over include. */
  exclude: z.array(z.string()).default([]),
});
export type DriveFolderRule = z.infer<typeof DriveFolderRuleSchema>;

export const FieldMappingSchema = z.object({
  email: z.array(z.string()).default(['email', 'e-mail', 'email_address', 'work_email']),
  firstName: z.array(z.string()).default(['firstname', 'first_name', 'first name', 'given_name']),
  lastName: z.array(z.string()).default(['lastname', 'last_name', 'last name', 'family_name', 'surname']),
  company: z.array(z.string()).default(['company', 'company_name', 'organization', 'organisation']),
  jobTitle: z.array(z.string()).default(['jobtitle', 'job_title', 'title', 'role']),
  phone: z.array(z.string()).default(['phone', 'phone_number', 'mobilephone', 'mobile']),
  message: z.array(z.string()).default(['message', 'comments', 'how_can_we_help', 'inquiry', 'notes']),
  timeZone: z.array(z.string()).default(['timezone', 'time_zone', 'hs_timezone']),
});
export type FieldMapping = z.infer<typeof FieldMappingSchema>;

export const SafetySettingsSchema = z.object({
  /** Addresses or `@domain` entries that must never be written to. */
  suppressed: z.array(z.string()).default([]),
  /** Competitor domains: leads from them get no action. */
  competitorDomains: z.array(z.string()).default([]),
  /** A second submission of the same form by the same address inside this window is a duplicate. */
  duplicateWindowHours: z.number().min(0).max(24 * 30).default(24),
  /** When we wrote last inside this window, the conversation is active and the agent stays out. */
  activeConversationHours: z.number().min(0).max(24 * 30).default(48),
});
export type SafetySettings = z.infer<typeof SafetySettingsSchema>;

export const CrmSettingsSchema = z.object({
  taskDueBusinessDays: z.number().int().min(0).max(30).default(2),
  taskPriority: z.enum(['LOW', 'MEDIUM', 'HIGH']).default('HIGH'),
  gmailLabel: z.string().min(1).default('Sales Agent/Drafted'),
  threadLookbackDays: z.number().int().min(1).max(3650).default(365),
  maxThreads: z.number().int().min(1).max(50).default(10),
});
export type CrmSettings = z.infer<typeof CrmSettingsSchema>;

export const SEND_CONFIRMATION_PHRASE = 'I_UNDERSTAND_EMAILS_WILL_BE_SENT';

export const SendingSettingsSchema = z.object({
  /** DRAFT_ONLY: nothing ever reaches a prospect. SEND: approved drafts may be sent, after re-checks. */
  mode: z.enum(['DRAFT_ONLY', 'SEND']).default('DRAFT_ONLY'),
  /** The tenant's own kill switch; the global SEND_KILL_SWITCH overrides it. */
  killSwitch: z.boolean().default(false),
  dailyCapPerMailbox: z.number().int().min(1).max(10_000).default(200),
  perContactCap: z.number().int().min(1).max(100).default(1),
  perContactWindowDays: z.number().int().min(1).max(365).default(7),
});
export type SendingSettings = z.infer<typeof SendingSettingsSchema>;

/** An approved answer the agent may quote when a prospect's question matches its keywords. */
export const ApprovedAnswerSchema = z.object({
  id: z.string().min(1),
  /** Lower-case words or phrases; a question matches when it mentions any of them. */
  keywords: z.array(z.string().min(1)).min(1),
  answer: z.string().min(1),
});
export type ApprovedAnswer = z.infer<typeof ApprovedAnswerSchema>;

export const TenantSettingsSchema = z.object({
  seller: SellerSchema.prefault({}),
  workingHours: WorkingHoursSchema.prefault({}),
  holidays: HolidaySettingsSchema.prefault({}),
  slots: SlotSettingsSchema.prefault({}),
  voice: VoiceProfileSchema.prefault({}),
  drive: z.object({ folders: z.array(DriveFolderRuleSchema).default([]) }).prefault({}),
  /** Allowlisted HubSpot form ids; empty means every form is accepted. */
  forms: z.object({ allowlist: z.array(z.string()).default([]) }).prefault({}),
  fieldMapping: FieldMappingSchema.prefault({}),
  safety: SafetySettingsSchema.prefault({}),
  crm: CrmSettingsSchema.prefault({}),
  knowledge: z.object({ answers: z.array(ApprovedAnswerSchema).default([]) }).prefault({}),
  sending: SendingSettingsSchema.prefault({}),
});
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;

export function getDefaultSettings(): TenantSettings {
  return TenantSettingsSchema.parse({});
}
