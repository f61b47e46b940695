// HubSpot form submissions for end-to-end tests: the example lead with its own submission id and
// address, signed with v3 over the public URL exactly as HubSpot signs (src/http/testing/hubspot-signer).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { v3Headers } from '../../src/http/testing/hubspot-signer.js';

export const FORMS_PATH = '/webhooks/hubspot/forms';
export const TEST_CLIENT_SECRET = 'e2e-client-secret';

const EXAMPLE = fileURLToPath(new URL('../../examples/leads/new-prospect.json', import.meta.url));
const template = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
  formSubmissionId: string;
  fieldValues: { name: string; value: string }[];
};

/** The example form submission (examples/leads/new-prospect.json) as raw JSON, optionally varied. */
export function formSubmissionBody(vary: { submissionId?: string; email?: string } = {}): string {
  const payload = structuredClone(template);
  if (vary.submissionId !== undefined) payload.formSubmissionId = vary.submissionId;
  if (vary.email !== undefined) {
    for (const field of payload.fieldValues) if (field.name === 'email') field.value = vary.email;
  }
  return JSON.stringify(payload);
}

export interface WebhookAnswer {
  status: number;
  body: { runId?: string; status?: string; code?: string; message?: string };
}

/** POSTs a signed form webhook to `baseUrl`; the signature covers `publicBaseUrl` (default: baseUrl). */
export async function postSignedForm(
  baseUrl: string,
  body: string,
  options: { secret?: string; publicBaseUrl?: string; timestampMs?: number } = {},
): Promise<WebhookAnswer> {
  const publicUrl = (options.publicBaseUrl ?? baseUrl) + FORMS_PATH;
  const headers = v3Headers(
    options.secret ?? TEST_CLIENT_SECRET,
    publicUrl,
    body,
    options.timestampMs ?? Date.now(),
  );
  const response = await fetch(baseUrl + FORMS_PATH, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as WebhookAnswer['body'] };
}
