// The form-lead workflow: 13 checkpointed steps from a raw submission to a Gmail draft, a HubSpot
// task and note, and a labelled thread. When the plan is "no action", the four acting steps are
// recorded as skipped with the plan's reason and the run ends `skipped`.
import type { Workflow } from '../engine.js';
import { actOnLead } from './act-on-lead.js';
import type { FormLeadDeps } from './form-lead-deps.js';
import type { FormLeadInput } from './form-lead-steps.js';
import { understandLead } from './understand-lead.js';

const ACTING_STEPS = ['write-draft', 'create-gmail-draft', 'log-crm-activity', 'label-thread'] as const;

export function createFormLeadWorkflow(deps: FormLeadDeps): Workflow {
  return async (step, ctx) => {
    const understanding = await understandLead(step, deps, ctx.input as FormLeadInput);
    const { plan } = understanding;
    if (plan.action === 'no-action') {
      const reason = `no action (${plan.noActionCode ?? 'unknown'}): ${plan.reason}`;
      for (const id of ACTING_STEPS) await step.skip(id, reason);
      return { status: 'skipped', reason };
    }
    await actOnLead(step, deps, understanding);
    return { status: 'succeeded', reason: null };
  };
}
