// Zod shapes for the two error bodies Google sends: the API JSON error (api-contracts.md 2.2) and
// the OAuth token endpoint's error (6.1/6.2). Only the fields the classifier reads are named.
import { z } from 'zod';

export const GoogleApiErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional(), domain: z.string().optional(), message: z.string().optional() })).optional(),
    details: z.array(z.object({ reason: z.string().optional() }).loose()).optional(),
  }),
});
export type GoogleApiErrorBody = z.infer<typeof GoogleApiErrorBody>;

export const OAuthErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBody>;
