// The demo workspace fixture: one JSON file that seeds every fake connector (CRM, Gmail, Drive,
// Calendar, outreach history) and carries the tenant's settings. docs/workspace-fixture.md
// documents it field by field.
import { checkWorkspaceReferences } from './workspace-references.js';
import { WorkspaceShape } from './workspace-shape.js';

/**
 * The whole fixture: shapes, then cross-references. The reference checks run even when some
 * section is malformed (`when`), each group only over sections that parsed, so all problems show at once.
 */
export const WorkspaceSchema = WorkspaceShape.superRefine(checkWorkspaceReferences, { when: () => true });

export type {
  FixtureCompany,
  FixtureContact,
  FixtureFile,
  FixtureFolder,
  FixtureMessage,
  FixtureThread,
  Workspace,
  WorkspaceInput,
} from './workspace-shape.js';
export { LIFECYCLE_STAGES } from './workspace-shape.js';
