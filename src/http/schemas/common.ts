// Zod schemas shared by every route: the error body and the compile-time check that a response
// schema covers a domain record, so a field added to a record does not silently vanish from the API.
import { z } from 'zod';

export const FieldProblemSchema = z.object({
  field: z
    .string()
    .meta({
      description: 'Dotted path of the field; query and path parameters are prefixed `query.` / `params.`',
    }),
  reason: z.string(),
});

export const ErrorBodySchema = z
  .object({
    code: z
      .string()
      .meta({ description: 'Stable machine-readable code, e.g. validation, not-found, unauthorized' }),
    message: z.string(),
    requestId: z.string(),
    problems: z
      .array(FieldProblemSchema)
      .optional()
      .meta({ description: 'Every problem, for code validation' }),
    check: z
      .string()
      .optional()
      .meta({ description: 'The safety check that refused, for code send-refused' }),
  })
  .meta({ description: 'Every error response has this shape; never a stack trace' });

/** Declares the same error body for each listed status, for the OpenAPI document and serialization. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): Record<S[number], typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBodySchema])) as Record<
    S[number],
    typeof ErrorBodySchema
  >;
}

export const IdParamsSchema = z.object({ id: z.string().min(1).max(200) });

/** True when schema output S has every key of T and T's values fit S (compile-time only). */
export type Covers<S, T> = [T] extends [S]
  ? [Exclude<keyof T, keyof S>] extends [never]
    ? true
    : false
  : false;

/** An empty query parameter (`?from=`) means "not given", as a form's blank field would. */
export function optionalQuery<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}
