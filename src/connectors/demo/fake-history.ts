// Our own outreach history for recall-similar, served from the demo workspace. Read-only.
import type { OutreachHistoryPort, PastOutreach } from '../../domain/ports/history.js';
import type { FakeContext } from './fake-context.js';
import type { Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

export class FakeHistory implements OutreachHistoryPort {
  readonly #pastOutreach: PastOutreach[];

  constructor(
    history: Workspace['history'],
    private readonly ctx: FakeContext,
  ) {
    this.#pastOutreach = cloneRecord(history.pastOutreach);
  }

  listPastOutreach(): Promise<PastOutreach[]> {
    return this.ctx.run('history', 'listPastOutreach', () => cloneRecord(this.#pastOutreach));
  }
}
