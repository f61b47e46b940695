// Zod schemas for the HubSpot fields we read, so a changed or surprising response fails loudly at
// the edge instead of deep in the workflow. The SDK turns createdAt/updatedAt into Date objects;
// raw (apiRequest) answers keep ISO strings: both are accepted and normalised to ISO.
import { z } from 'zod';

const Instant = z.union([z.date(), z.string(), z.number()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: `not a valid instant: ${String(value)}` });
    return z.NEVER;
  }
  return date.toISOString();
});

const AssociationCollection = z.object({
  results: z.array(z.object({ id: z.coerce.string(), type: z.string().optional() })),
});

/** SimplePublicObject (with optional associations): every property is a string or null. */
export const HubspotObject = z.object({
  id: z.coerce.string(),
  properties: z.record(z.string(), z.string().nullable().optional()),
  createdAt: Instant,
  updatedAt: Instant,
  associations: z.record(z.string(), AssociationCollection).optional(),
});
export type HubspotObject = z.infer<typeof HubspotObject>;

export const SearchPage = z.object({
  total: z.number(),
  results: z.array(HubspotObject),
  paging: z.object({ next: z.object({ after: z.coerce.string() }).optional() }).optional(),
});
export type SearchPage = z.infer<typeof SearchPage>;

export const HubspotOwner = z.object({
  id: z.coerce.string(),
  email: z.string().nullable().optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
});
export type HubspotOwner = z.infer<typeof HubspotOwner>;

/** One entry of GET /form-integrations/v1/submissions/forms/{guid}. */
export const FormSubmission = z.object({
  conversionId: z.string(),
  submittedAt: z.number(),
  values: z.array(z.object({ name: z.string(), value: z.coerce.string() })).default([]),
  pageUrl: z.string().nullable().optional(),
});
export type FormSubmission = z.infer<typeof FormSubmission>;

export const FormSubmissionPage = z.object({
  results: z.array(FormSubmission),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});
export type FormSubmissionPage = z.infer<typeof FormSubmissionPage>;

/** The parts of the legacy Contacts v1 profile we read: its form submissions. */
export const LegacyContactProfile = z.object({
  vid: z.coerce.string(),
  'form-submissions': z
    .array(
      z.object({
        'conversion-id': z.string(),
        timestamp: z.number(),
        'form-id': z.string(),
        'page-url': z.string().nullable().optional(),
      }),
    )
    .default([]),
});
export type LegacyContactProfile = z.infer<typeof LegacyContactProfile>;

/** HubSpot error body: every field optional (§1.5). 429s carry policyName and errorType. */
export const HubspotErrorBody = z
  .object({
    message: z.string().optional(),
    category: z.string().optional(),
    correlationId: z.string().optional(),
    policyName: z.string().optional(),
    errorType: z.string().optional(),
  })
  .loose();
export type HubspotErrorBody = z.infer<typeof HubspotErrorBody>;
