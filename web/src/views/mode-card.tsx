// The sending mode and the kill switch, apart from the rest of the settings: turning SEND on needs
// the confirmation phrase typed out, and the reason is kept in the audit log.
import { useState, type FormEvent } from 'react';
import { useSaveSettings, useSetMode } from '../api/queries.js';
import type { SettingsResult } from '../api/types.js';
import { ActionError } from '../components/states.js';

export const SEND_CONFIRMATION_PHRASE = 'I_UNDERSTAND_EMAILS_WILL_BE_SENT';

export function ModeCard({ loaded, isAdmin }: { loaded: SettingsResult; isAdmin: boolean }) {
  const setMode = useSetMode();
  const saveKill = useSaveSettings();
  const [phrase, setPhrase] = useState('');
  const [reason, setReason] = useState('');
  const { mode, killSwitch } = loaded.settings.sending;
  const blocked = loaded.globalKillSwitch || killSwitch;

  const turnOnSend = (event: FormEvent): void => {
    event.preventDefault();
    setMode.mutate({ mode: 'SEND', confirmation: phrase.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) }, { onSuccess: () => setPhrase('') });
  };
  const toggleKill = (): void => {
    saveKill.mutate({ settings: { ...loaded.settings, sending: { ...loaded.settings.sending, killSwitch: !killSwitch } }, version: loaded.version });
  };

  return (
    <section className={`card mode-card mode-${mode}`} aria-labelledby="mode-title">
      <h2 id="mode-title" className="small">Sending mode: <span data-testid="mode">{mode}</span></h2>
      {mode === 'DRAFT_ONLY' ? (
        <p>Nothing is ever sent to a prospect. Drafts are saved in Gmail for a person to review.</p>
      ) : (
        <p><strong>Approved drafts can be sent to prospects.</strong> Each send re-checks replies, suppression, unsubscribes and caps.</p>
      )}
      {loaded.globalKillSwitch ? <p className="action-error">The global kill switch (SEND_KILL_SWITCH) is on: nothing is sent, whatever this tenant says.</p> : null}
      {mode === 'DRAFT_ONLY' ? (
        <form className="send-form" onSubmit={turnOnSend}>
          <label>
            Type <code>{SEND_CONFIRMATION_PHRASE}</code> to turn on SEND
            <input value={phrase} onChange={(e) => setPhrase(e.target.value)} disabled={!isAdmin || blocked} autoComplete="off" spellCheck={false} data-testid="send-phrase" />
          </label>
          <label>
            Why (kept in the audit log)
            <input value={reason} onChange={(e) => setReason(e.target.value)} disabled={!isAdmin || blocked} />
          </label>
          <button type="submit" className="danger" disabled={!isAdmin || blocked || phrase.trim() !== SEND_CONFIRMATION_PHRASE || setMode.isPending}>Turn on SEND</button>
          {blocked ? <p className="hint">A kill switch is on: SEND cannot be turned on.</p> : null}
        </form>
      ) : (
        <button type="button" className="primary" disabled={!isAdmin || setMode.isPending} onClick={() => setMode.mutate({ mode: 'DRAFT_ONLY' })}>Switch back to DRAFT_ONLY</button>
      )}
      <div className="kill">
        <span>Tenant kill switch: <strong>{killSwitch ? 'ON (nothing is sent)' : 'off'}</strong></span>
        <button type="button" disabled={!isAdmin || saveKill.isPending} onClick={toggleKill}>{killSwitch ? 'Turn kill switch off' : 'Turn kill switch on'}</button>
      </div>
      <ActionError error={setMode.error ?? saveKill.error} />
    </section>
  );
}
