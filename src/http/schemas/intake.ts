// Schemas of the intake answers (webhooks and POST /api/leads). The status codes are promises to
// HubSpot (api-contracts.md 1.3): 2xx for anything it must not retry, 429 to slow it down.
import { z } from 'zod';

export const IntakeAcceptedSchema = z.object({ runId: z.string(), status: z.literal('accepted') });

export const IntakeSettledSchema = z.union([
  z
    .object({ runId: z.string(), status: z.literal('duplicate') })
    .meta({ description: 'Already received: the existing run' }),
  z
    .object({ status: z.literal('ignored'), reason: z.string() })
    .meta({ description: 'Deliberately not processed' }),
]);

export const EventsResultSchema = z.object({
  accepted: z.array(z.string()).meta({ description: 'Run ids started by this batch' }),
  duplicates: z.array(z.string()).meta({ description: 'Run ids that already existed' }),
  ignored: z.number().int().meta({ description: 'Events deliberately not processed' }),
});

/** Any JSON: HubSpot's contact profile shape, a custom flat body, or a plain lead. */
export const AnyJsonBodySchema = z
  .unknown()
  .meta({ description: 'The raw JSON body; signed bytes are verified before parsing' });

export const LeadBodySchema = z
  .record(z.string(), z.unknown())
  .meta({
    description: 'A plain JSON lead ({ email, firstName, company, message, ... }) or any HubSpot shape',
  });
