// Test support: small valid workspaces built in code, and the example workspace from examples/.
// Fixtures that fail to validate throw here, because a broken test fixture is a bug in the test.
import { fileURLToPath } from 'node:url';
import { loadWorkspace, parseWorkspace } from './load-workspace.js';
import type { Workspace, WorkspaceInput } from './workspace-schema.js';

export const EXAMPLE_WORKSPACE_PATH = fileURLToPath(
  new URL('../../../examples/demo-workspace.json', import.meta.url),
);

export async function loadExampleWorkspace(): Promise<Workspace> {
  const result = await loadWorkspace(EXAMPLE_WORKSPACE_PATH);
  if (!result.ok) throw new Error(`example workspace is invalid: ${JSON.stringify(result.problems)}`);
  return result.workspace;
}

/** The smallest valid fixture: one seller address, a New York calendar, nothing else. */
export function minimalWorkspaceInput(): WorkspaceInput {
  return {
    name: 'test',
    settings: { seller: { email: 'alex@northwind.example' } },
    crm: {},
    mail: { ourAddresses: ['alex@northwind.example'] },
    drive: {},
    calendar: { timeZone: 'America/New_York' },
  };
}

export function buildWorkspace(patch: (input: WorkspaceInput) => void = () => undefined): Workspace {
  const input = minimalWorkspaceInput();
  patch(input);
  const result = parseWorkspace(input);
  if (!result.ok) throw new Error(`test workspace is invalid: ${JSON.stringify(result.problems)}`);
  return result.workspace;
}
