// What the form-lead workflow is given: ports and the tenant's settings. The side-effect ledger comes
// with each step (StepContext.ledger), so intents are written with the run's checkpoints.
import type { DraftStore } from '../../domain/ports/draft-store.js';
import type { Connectors } from '../../domain/ports/index.js';
import type { IntakeStore } from '../../domain/ports/intake-store.js';
import type { TenantSettings } from '../../domain/settings.js';

export interface FormLeadDeps {
  connectors: Connectors;
  settings: TenantSettings;
  /** Where the draft is recorded for review (the dashboard's inbox); null in one-off CLI runs. */
  drafts: DraftStore | null;
  /** Lets a contact event find whether its submission already has a run; null in one-off CLI runs. */
  intake?: Pick<IntakeStore, 'findRunIdByIdempotencyKey'> | null;
}
