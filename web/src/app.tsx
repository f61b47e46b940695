// The shell: sign-in gate, navigation, the live indicator, the SEND banner, and the routes.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, UNAUTHORIZED_EVENT } from './api/client.js';
import { keys, useSession, useSettings } from './api/queries.js';
import type { Principal } from './api/types.js';
import { Link } from './components/link.js';
import { ErrorState, Loading } from './components/states.js';
import { useLiveEvents, type LiveStatus } from './live/use-live-events.js';
import { navigate, useLocation } from './router.js';
import { AuditView } from './views/audit-view.js';
import { DraftsView } from './views/drafts-view.js';
import { ErrorsView } from './views/errors-view.js';
import { LoginView } from './views/login-view.js';
import { RunDetailView } from './views/run-detail-view.js';
import { RunsView } from './views/runs-view.js';
import { SettingsView } from './views/settings-view.js';

const NAV = [
  { to: '/runs', label: 'Runs' },
  { to: '/drafts', label: 'Drafts' },
  { to: '/errors', label: 'Errors' },
  { to: '/settings', label: 'Settings' },
  { to: '/audit', label: 'Audit log' },
];

export function App() {
  const session = useSession();
  const client = useQueryClient();
  useEffect(() => {
    const onUnauthorized = (): void => void client.invalidateQueries({ queryKey: keys.session });
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [client]);

  if (session.isPending) return <main className="centered"><Loading label="Starting" /></main>;
  if (session.isError) return <main className="centered"><ErrorState error={session.error} onRetry={() => void session.refetch()} /></main>;
  const { principal, setupRequired } = session.data;
  if (principal === null) return <LoginView setupRequired={setupRequired} />;
  return <Shell principal={principal} />;
}

function Shell({ principal }: { principal: Principal }) {
  const { path } = useLocation();
  const live = useLiveEvents(true);
  const settings = useSettings();
  const client = useQueryClient();
  const sendOn = settings.data?.settings.sending.mode === 'SEND';

  useEffect(() => {
    if (path === '/') navigate('/runs', { replace: true });
  }, [path]);

  const signOut = async (): Promise<void> => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    client.clear();
    await client.invalidateQueries({ queryKey: keys.session });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      {sendOn ? (
        <div className="send-banner" role="alert" data-testid="send-banner">
          <strong>SEND mode is on.</strong> Approved drafts can be emailed to prospects. Switch back to DRAFT_ONLY in Settings to stop all sending.
        </div>
      ) : null}
      <header className="topbar">
        <span className="brand">Sales Agent</span>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} ariaCurrent={path === item.to || path.startsWith(`${item.to}/`)}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-right">
          <LiveIndicator status={live} />
          <span className="who" title={principal.actor}>
            {principal.label} <span className={`role role-${principal.role}`}>{principal.role}</span>
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Route path={path} principal={principal} />
      </main>
    </div>
  );
}

function LiveIndicator({ status }: { status: LiveStatus }) {
  const text = status === 'live' ? 'Live' : status === 'offline' ? 'Offline, reconnecting' : 'Connecting';
  return (
    <span className={`live live-${status}`} role="status" aria-live="polite" data-testid="live-indicator" data-status={status}>
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function Route({ path, principal }: { path: string; principal: Principal }) {
  const runMatch = /^\/runs\/([^/]+)$/.exec(path);
  if (runMatch?.[1]) return <RunDetailView id={decodeURIComponent(runMatch[1])} principal={principal} />;
  switch (path) {
    case '/':
    case '/runs':
      return <RunsView />;
    case '/drafts':
      return <DraftsView principal={principal} />;
    case '/errors':
      return <ErrorsView principal={principal} />;
    case '/settings':
      return <SettingsView principal={principal} />;
    case '/audit':
      return <AuditView />;
    default:
      return (
        <section>
          <h1>Not found</h1>
          <p>There is no page at {path}. <Link to="/runs">Go to the runs</Link>.</p>
        </section>
      );
  }
}

/** Whether the role may change things (drafts, retries); settings need admin. */
export function canOperate(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'operator';
}
