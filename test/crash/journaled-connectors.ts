// The demo connectors with their writes journaled on disk, for the kill -9 tests: an in-memory fake
// dies with its process, so every write is appended (synchronously, before the call returns) to a
// journal, and a new process replays the journal into a fresh fake before it runs. The journal is also
// what the test counts: it holds every write that reached "HubSpot" or "Gmail".
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createDemoConnectors, type DemoConnectors } from '../../src/connectors/demo/index.js';
import type { Workspace } from '../../src/connectors/demo/workspace-schema.js';

export const JOURNALED_WRITES = {
  crm: ['upsertContact', 'createCompany', 'associateContactWithCompany', 'createTask', 'createNote'],
  mail: ['createDraft', 'ensureLabel', 'applyLabel'],
} as const;
type WriteSystem = keyof typeof JOURNALED_WRITES;

export interface JournalEntry {
  system: WriteSystem;
  operation: string;
  args: unknown[];
}

type Method = (...args: unknown[]) => Promise<unknown>;

function methodOf(connectors: DemoConnectors, system: WriteSystem, operation: string): Method {
  const port = connectors[system] as unknown as Record<string, Method>;
  const method = port[operation];
  if (method === undefined) throw new Error(`no ${system}.${operation} on the demo connectors`);
  return method.bind(port);
}

export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** Fresh fakes holding every journaled write, replayed in order (their ids come out the same). */
export async function replayJournal(workspace: Workspace, clock: () => string, path: string): Promise<DemoConnectors> {
  const connectors = createDemoConnectors(workspace, { clock });
  for (const entry of readJournal(path)) await methodOf(connectors, entry.system, entry.operation)(...entry.args);
  return connectors;
}

/**
 * The replayed fakes, with each write journaled once it succeeded and then reported to `afterWrite`
 * (the child's kill point: it may never return).
 */
export async function openJournaledConnectors(
  workspace: Workspace,
  clock: () => string,
  path: string,
  afterWrite: (write: string) => Promise<void>,
): Promise<DemoConnectors> {
  const connectors = await replayJournal(workspace, clock, path);
  for (const system of Object.keys(JOURNALED_WRITES) as WriteSystem[]) {
    for (const operation of JOURNALED_WRITES[system]) {
      const original = methodOf(connectors, system, operation);
      (connectors[system] as unknown as Record<string, Method>)[operation] = async (...args: unknown[]) => {
        const result = await original(...args);
        const entry: JournalEntry = { system, operation, args };
        appendFileSync(path, `${JSON.stringify(entry)}\n`);
        await afterWrite(`${system}.${operation}`);
        return result;
      };
    }
  }
  return connectors;
}
