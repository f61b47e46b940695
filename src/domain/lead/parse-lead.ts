// Turns any of the five inbound lead shapes (see detect-lead-shape.ts) into one checked Lead, or
// lists every problem. Pure: no I/O, no clock, never throws. It does not check the form allowlist,
// duplicates or suppression; later workflow steps do.
import type { FieldProblem } from '../errors.js';
import type { Lead, LeadSourceKind } from '../lead.js';
import type { FieldMapping } from '../settings.js';
import { detectLeadShape, findRootProblem } from './detect-lead-shape.js';
import { extractRawLead } from './extract-raw-lead.js';
import { isPlainObject } from './json-value.js';
import { mapFields } from './map-fields.js';
import { normalizeLeadFields } from './normalize-lead-fields.js';
import { parseSubmittedAt } from './parse-submitted-at.js';

export type ParseLeadResult =
  { ok: true; lead: Lead; shape: LeadSourceKind } | { ok: false; problems: FieldProblem[] };

export function parseLead(payload: unknown, options: { mapping: FieldMapping }): ParseLeadResult {
  const rootProblem = findRootProblem(payload);
  if (rootProblem !== null || !isPlainObject(payload)) {
    return { ok: false, problems: [rootProblem ?? { field: '(root)', reason: 'expected a JSON object' }] };
  }
  const shape = detectLeadShape(payload);
  const raw = extractRawLead(payload, shape);
  const mapped = mapFields(raw.fields, options.mapping);
  const normalized = normalizeLeadFields(mapped.values);
  const submittedAt = parseSubmittedAt(raw.envelope.submittedAt.value);
  const problems = [...raw.problems, ...mapped.problems, ...normalized.problems];
  if (!submittedAt.ok) {
    const from = raw.envelope.submittedAt.path;
    problems.push({
      field: 'submittedAt',
      reason: from === 'submittedAt' ? submittedAt.reason : `${submittedAt.reason} (in ${from})`,
    });
  }
  const { email } = normalized.fields;
  if (problems.length > 0 || email === null || !submittedAt.ok) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ field: 'email', reason: 'missing' }] };
  }
  const { envelope } = raw;
  const lead: Lead = Object.assign({}, normalized.fields, {
    email,
    custom: mapped.custom,
    submittedAt: submittedAt.iso,
    source: {
      kind: shape,
      portalId: envelope.portalId,
      formId: envelope.formId,
      submissionId: envelope.submissionId,
      contactId: envelope.contactId,
      pageUrl: envelope.pageUrl,
      pageTitle: envelope.pageTitle,
    },
  });
  return { ok: true, lead, shape };
}
