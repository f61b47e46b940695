// What the form-lead workflow is given: ports, the tenant's settings, the side-effect ledger.
import type { DraftStore } from '../../domain/ports/draft-store.js';
import type { Connectors } from '../../domain/ports/index.js';
import type { IntakeStore } from '../../domain/ports/intake-store.js';
import type { SideEffectLedger } from '../../domain/ports/side-effects.js';
import type { TenantSettings } from '../../domain/settings.js';

export interface FormLeadDeps {
  connectors: Connectors;
  settings: TenantSettings;
  ledger: SideEffectLedger;
  /** Where the draft is recorded for review (the dashboard's inbox); null in one-off CLI runs. */
  drafts: DraftStore | null;
  /** Lets a contact event find whether its submission already has a run; null in one-off CLI runs. */
  intake?: Pick<IntakeStore, 'findRunIdByIdempotencyKey'> | null;
}
