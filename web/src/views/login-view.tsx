// Sign-in, and the one-time "create the first admin" form while no account exists (offered only to a
// browser on the service's own machine; the server enforces both conditions again).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { SessionState } from '../api/types.js';
import { ActionError } from '../components/states.js';

export function LoginView({ setupRequired }: { setupRequired: boolean }) {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const state = await api<SessionState>('POST', setupRequired ? '/api/auth/setup' : '/api/auth/login', { email, password });
      client.setQueryData(keys.session, state);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <form className="card login" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">{setupRequired ? 'Create the first admin' : 'Sign in to Sales Agent'}</h1>
        {setupRequired ? (
          <p className="hint">
            No account exists yet. This form is shown only while there are no users, and only on the machine the service runs on.
            The account you create here is an admin.
          </p>
        ) : null}
        <label>
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          Password
          <input type="password" autoComplete={setupRequired ? 'new-password' : 'current-password'} required minLength={setupRequired ? 12 : 1} value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {setupRequired ? <p className="hint">At least 12 characters.</p> : null}
        <ActionError error={error} />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Please wait…' : setupRequired ? 'Create admin and sign in' : 'Sign in'}</button>
      </form>
    </main>
  );
}
