// Schemas of the dashboard's own endpoints: sign-in state, the audit search, the sample draft.
import { z } from 'zod';
import { ROLES } from '../../domain/ports/auth-store.js';
import { optionalQuery } from './common.js';
import { AuditEventSchema, LintProblemSchema } from './records.js';

export const PrincipalSchema = z.object({
  kind: z.enum(['user', 'api-key']),
  label: z.string().meta({ description: "The user's email, or the API key's name" }),
  role: z.enum(ROLES),
  actor: z.string().meta({ description: 'How audit events name this principal' }),
});

export const SessionStateSchema = z.object({
  principal: PrincipalSchema.nullable(),
  csrfToken: z.string().nullable().meta({ description: 'Echo it in x-csrf-token on every state-changing request' }),
  setupRequired: z.boolean().meta({ description: 'True only while no user exists and the request comes from this machine' }),
});

export const LoginBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const SetupBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const AuditQuerySchema = z.object({
  actor: optionalQuery(z.string().max(320)).meta({ description: 'Exact actor, or a prefix ending in `:` (e.g. `user:`)' }),
  action: optionalQuery(z.string().max(100)).meta({ description: 'Exact action, or a prefix ending in `.` (e.g. `draft.`)' }),
  runId: optionalQuery(z.string().max(200)),
  from: optionalQuery(z.iso.datetime({ offset: true })).meta({ description: 'ISO instant, inclusive' }),
  to: optionalQuery(z.iso.datetime({ offset: true })).meta({ description: 'ISO instant, exclusive' }),
  limit: optionalQuery(z.coerce.number().int().min(1).max(200)),
  cursor: optionalQuery(z.string().max(40)),
});

export const AuditPageSchema = z.object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() });

export const SampleDraftBodySchema = z.strictObject({
  voice: z.record(z.string(), z.unknown()).meta({ description: 'A voice profile (settings.voice), saved or not' }),
});

export const SampleDraftSchema = z.object({
  subject: z.string(),
  body: z.string(),
  lint: z.array(LintProblemSchema),
  lead: z.object({ name: z.string(), company: z.string(), message: z.string() }),
});
