// The ports the workflow needs, bundled for injection.
import type { CalendarPort } from './calendar.js';
import type { CrmPort } from './crm.js';
import type { AuditLog } from './audit.js';
import type { DraftStore } from './draft-store.js';
import type { DrivePort } from './drive.js';
import type { FormSubmissionSource } from './form-submissions.js';
import type { OutreachHistoryPort } from './history.js';
import type { LlmPort } from './llm.js';
import type { IntakeStore } from './intake-store.js';
import type { MailPort } from './mail.js';
import type { RunDispatch, RunQueries } from './run-queries.js';
import type { RunStore } from './run-store.js';
import type { SettingsStore } from './settings-store.js';
import type { SideEffectLedger } from './side-effects.js';

export type * from './calendar.js';
export type * from './crm.js';
export type * from './drive.js';
export type * from './history.js';
export type * from './llm.js';
export type * from './mail.js';
export type * from './run-store.js';

export interface Connectors {
  crm: CrmPort;
  mail: MailPort;
  drive: DrivePort;
  calendar: CalendarPort;
  history: OutreachHistoryPort;
  /** Null when no model is configured: the deterministic writer is used. */
  llm: LlmPort | null;
  /** HubSpot's form submissions (poller and contact events); absent when none can be read. */
  formSubmissions?: FormSubmissionSource;
}
export type * from './side-effects.js';
export type * from './audit.js';
export type * from './intake-store.js';
export type * from './run-queries.js';
export type * from './draft-store.js';
export type * from './settings-store.js';
export type * from './job-queue.js';
export type * from './form-submissions.js';

/** Every persistence port, as the store provides them and the services receive them. */
export interface StorePorts {
  runStore: RunStore;
  ledger: SideEffectLedger;
  audit: AuditLog;
  intake: IntakeStore;
  runQueries: RunQueries;
  dispatch: RunDispatch;
  drafts: DraftStore;
  settings: SettingsStore;
}
