// Request and response schemas of the runs API (list, detail, retry, failure groups).
import { z } from 'zod';
import { RUN_STATUSES } from '../../domain/ports/run-store.js';
import type { RunDetail } from '../../services/service-types.js';
import { optionalQuery, type Covers } from './common.js';
import {
  AuditEventSchema,
  DraftRecordSchema,
  FailureGroupSchema,
  RunListItemSchema,
  RunRecordSchema,
  RunStatusSchema,
  StepRecordSchema,
  SubmissionRecordSchema,
} from './records.js';

const statusList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(z.array(z.enum(RUN_STATUSES)));

export const RunListQuerySchema = z.object({
  status: optionalQuery(statusList).meta({
    description: `Comma-separated statuses: ${RUN_STATUSES.join(', ')}`,
  }),
  from: optionalQuery(z.iso.datetime({ offset: true })).meta({
    description: 'ISO instant, inclusive, on the creation time',
  }),
  to: optionalQuery(z.iso.datetime({ offset: true })).meta({ description: 'ISO instant, exclusive' }),
  q: optionalQuery(z.string().max(200)).meta({
    description: 'Substring of the email or company, case-insensitive',
  }),
  limit: optionalQuery(z.coerce.number().int().min(1).max(200)),
  cursor: optionalQuery(z.string().max(500)),
});

export const RunListSchema = z.object({
  items: z.array(RunListItemSchema),
  nextCursor: z.string().nullable(),
  counts: z
    .record(RunStatusSchema, z.number().int())
    .meta({ description: 'Runs per status under the same from/to/q filter' }),
});

export const RunDetailSchema = z.object({
  run: RunRecordSchema.extend({ deadLettered: z.boolean() }),
  steps: z.array(StepRecordSchema),
  audit: z.array(AuditEventSchema),
  submission: SubmissionRecordSchema.nullable(),
  draft: DraftRecordSchema.nullable(),
});

export const RetryResultSchema = z.object({ run: RunRecordSchema });

export const FailureGroupsSchema = z.object({ groups: z.array(FailureGroupSchema) });

const _detail: Covers<z.output<typeof RunDetailSchema>, RunDetail> = true;
