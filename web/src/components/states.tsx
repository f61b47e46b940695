// The three non-happy states every view shows the same way: loading, failed (with retry), empty.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return <p className="state state-loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" />{label}…</p>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p><strong>Could not load this.</strong> {describeError(error)}</p>
      {onRetry ? <button type="button" onClick={onRetry}>Try again</button> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const problems = error.problems.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason));
    return problems.length > 0 && !error.message.includes(problems[0] ?? '') ? `${error.message} (${problems.join('; ')})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** An inline outcome of an action: the error message, with the refusing check for send refusals. */
export function ActionError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const check = error instanceof ApiError && error.check ? <> (check: <code>{error.check}</code>)</> : null;
  return <p className="action-error" role="alert">{describeError(error)}{check}</p>;
}
