// Failed and dead-lettered runs grouped by error code and failing step, with retry for one run or a
// whole group (each retry resumes its run at the failed step).
import { useState } from 'react';
import { useFailures, useRetryRun } from '../api/queries.js';
import type { FailureGroup, Principal } from '../api/types.js';
import { canOperate } from '../app.js';
import { Link } from '../components/link.js';
import { ActionError, Empty, ErrorState, Loading } from '../components/states.js';
import { humanize } from '../format.js';

export function ErrorsView({ principal }: { principal: Principal }) {
  const failures = useFailures();
  return (
    <section aria-labelledby="errors-title">
      <div className="view-header">
        <h1 id="errors-title">Errors</h1>
        <p className="subtle">Failed and dead-lettered runs, grouped by what went wrong. A retry resumes at the failed step; finished steps are not repeated.</p>
      </div>
      {failures.isPending ? <Loading label="Loading failures" /> : failures.isError ? (
        <ErrorState error={failures.error} onRetry={() => void failures.refetch()} />
      ) : failures.data.groups.length === 0 ? (
        <Empty>No failed runs. Nothing to retry.</Empty>
      ) : (
        <div className="groups">
          {failures.data.groups.map((g) => <Group key={`${g.errorCode}-${g.stepId ?? ''}-${g.message}`} group={g} canRetry={canOperate(principal)} />)}
        </div>
      )}
    </section>
  );
}

function Group({ group, canRetry }: { group: FailureGroup; canRetry: boolean }) {
  const retry = useRetryRun();
  const [progress, setProgress] = useState<string | null>(null);

  const retryAll = async (): Promise<void> => {
    let done = 0;
    let refused = 0;
    for (const id of group.runIds) {
      try {
        await retry.mutateAsync(id);
        done += 1;
      } catch {
        refused += 1;
      }
      setProgress(`Retried ${done} of ${group.runIds.length}${refused > 0 ? `, ${refused} refused` : ''}`);
    }
  };

  return (
    <article className="card group" data-testid="failure-group">
      <header className="row">
        <div>
          <h2 className="small"><code>{group.errorCode}</code> at {group.stepId ? humanize(group.stepId) : 'an unknown step'}</h2>
          <p>{group.message}</p>
        </div>
        <div className="actions">
          <span className="badge badge-failed">{group.count} run{group.count === 1 ? '' : 's'}</span>
          <button type="button" disabled={!canRetry || retry.isPending} onClick={() => void retryAll()}>Retry all ({group.runIds.length})</button>
        </div>
      </header>
      {progress ? <p className="notice" role="status">{progress}</p> : null}
      <ActionError error={retry.error} />
      <ul className="run-ids">
        {group.runIds.map((id) => (
          <li key={id}>
            <Link to={`/runs/${encodeURIComponent(id)}`} className="mono">{id.slice(0, 8)}</Link>
            <button type="button" className="small-button" disabled={!canRetry || retry.isPending} onClick={() => retry.mutate(id)}>Retry</button>
          </li>
        ))}
      </ul>
    </article>
  );
}
