// The demo connectors: every port served in memory from a demo workspace, with a shared write log
// and fault injector for tests. The composition root picks these when no credentials are set.
import type { Connectors } from '../../domain/ports/index.js';
import { FakeCalendar } from './fake-calendar.js';
import { FakeContext, type FakeContextOptions } from './fake-context.js';
import { FakeCrm } from './fake-crm.js';
import { FakeDrive } from './fake-drive.js';
import { FakeFormSubmissions } from './fake-form-submissions.js';
import { FakeHistory } from './fake-history.js';
import { FakeMail } from './fake-mail.js';
import { FakeWriteLog } from './fake-write-log.js';
import { FaultInjector } from './fault-injector.js';
import type { Workspace } from './workspace-schema.js';

export interface DemoConnectors extends Connectors {
  crm: FakeCrm;
  mail: FakeMail;
  drive: FakeDrive;
  calendar: FakeCalendar;
  history: FakeHistory;
  /** The demo has no model: the deterministic writer runs. */
  llm: null;
  formSubmissions: FakeFormSubmissions;
  log: FakeWriteLog;
  faults: FaultInjector;
}

export type DemoConnectorOptions = FakeContextOptions;

export function createDemoConnectors(workspace: Workspace, options: DemoConnectorOptions): DemoConnectors {
  const log = new FakeWriteLog();
  const faults = new FaultInjector();
  const ctx = new FakeContext(log, faults, options);
  const seller = workspace.settings.seller;
  return {
    crm: new FakeCrm(workspace.crm, ctx),
    mail: new FakeMail(workspace.mail, seller.email, ctx),
    drive: new FakeDrive(workspace.drive, ctx),
    calendar: new FakeCalendar(
      workspace.calendar,
      [seller.calendarId, seller.email, ...workspace.mail.ourAddresses],
      ctx,
    ),
    history: new FakeHistory(workspace.history, ctx),
    llm: null,
    formSubmissions: new FakeFormSubmissions(workspace.crm, null),
    log,
    faults,
  };
}

export { FakeCalendar, FakeCrm, FakeDrive, FakeFormSubmissions, FakeHistory, FakeMail, FakeWriteLog, FaultInjector };
export type { StoredNote, StoredTask } from './fake-crm.js';
export type { SentMessage, StoredDraft } from './fake-mail.js';
export type { CallEntry, WriteEntry } from './fake-write-log.js';
export type { FakeOperation, FakeSystem, WriteSystem } from './fault-injector.js';
export {
  loadWorkspace,
  parseWorkspace,
  parseWorkspaceText,
  type LoadWorkspaceResult,
  type WorkspaceProblem,
} from './load-workspace.js';
export { WorkspaceSchema, type Workspace, type WorkspaceInput } from './workspace-schema.js';
