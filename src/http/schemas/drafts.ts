// Request and response schemas of the drafts API (review queue, edit, approve, reject, send).
import { z } from 'zod';
import { optionalQuery } from './common.js';
import { DraftRecordSchema, DraftStateSchema } from './records.js';

export const DraftListQuerySchema = z.object({
  state: optionalQuery(DraftStateSchema),
  limit: optionalQuery(z.coerce.number().int().min(1).max(200)),
  cursor: optionalQuery(z.string().max(500)),
});

export const DraftListSchema = z.object({
  items: z.array(DraftRecordSchema),
  nextCursor: z.string().nullable(),
  counts: z.record(DraftStateSchema, z.number().int()),
});

export const DraftResultSchema = z.object({ draft: DraftRecordSchema });

/** RFC 5322 caps a header line at 998 characters; a subject longer than that cannot be sent. */
export const EditDraftBodySchema = z.strictObject({
  subject: z.string().trim().min(1, 'the subject cannot be empty').max(998).optional(),
  body: z.string().max(100_000).optional(),
});

export const RejectDraftBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(2000),
});
