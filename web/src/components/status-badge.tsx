// Status badges for runs, steps and drafts: colour plus the word, so colour is never the only signal.
export function StatusBadge({ status, deadLettered = false }: { status: string; deadLettered?: boolean }) {
  return (
    <span className={`badge badge-${status}`}>
      {status}
      {deadLettered ? <span className="badge-extra"> · dead-lettered</span> : null}
    </span>
  );
}
