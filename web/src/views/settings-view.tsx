// Settings: the sending mode (SEND needs the confirmation phrase) and kill switch, then the tenant's
// document in sections, saved as a whole with its version. The server validates and audits; its
// problems come back per field. Admins change settings; other roles see them read-only.
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, type FieldProblem } from '../api/client.js';
import { useSaveSettings, useSettings } from '../api/queries.js';
import type { Principal, SettingsResult, TenantSettings } from '../api/types.js';
import { ErrorState, Loading } from '../components/states.js';
import { ModeCard } from './mode-card.js';
import { CheckField, FieldProblems, ListField, NumberField, problemsFor, TextField } from './settings-fields.js';
import { VoiceEditor } from './voice-editor.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function SettingsView({ principal }: { principal: Principal }) {
  const settings = useSettings();
  if (settings.isPending) return <Loading label="Loading settings" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsEditor key={settings.data.version} loaded={settings.data} isAdmin={principal.role === 'admin'} />;
}

function SettingsEditor({ loaded, isAdmin }: { loaded: SettingsResult; isAdmin: boolean }) {
  const [doc, setDoc] = useState<TenantSettings>(() => structuredClone(loaded.settings));
  const save = useSaveSettings();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const dirty = JSON.stringify(doc) !== JSON.stringify(loaded.settings);
  useEffect(() => setProblems([]), [loaded.version]);

  const update = <K extends keyof TenantSettings>(key: K, value: TenantSettings[K]): void => setDoc({ ...doc, [key]: value });
  const submit = (): void => {
    save.mutate({ settings: doc, version: loaded.version }, {
      onError: (error) => setProblems(error instanceof ApiError ? error.problems : []),
      onSuccess: () => setProblems([]),
    });
  };
  const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  return (
    <section aria-labelledby="settings-title" className="settings">
      <div className="view-header">
        <h1 id="settings-title">Settings</h1>
        <p className="subtle">Version {loaded.version}. Every change is validated and recorded in the audit log.{isAdmin ? '' : ' Only admins can change settings.'}</p>
      </div>
      <ModeCard loaded={loaded} isAdmin={isAdmin} />
      <div className="save-bar" role="region" aria-label="Save settings">
        {problems.length > 0 || save.error ? (
          <div className="action-error" role="alert">
            {save.error instanceof ApiError ? save.error.message : 'The settings were not saved.'}
          </div>
        ) : save.isSuccess && !dirty ? <span className="lint-ok" role="status">Saved.</span> : null}
        <button type="button" onClick={() => { setDoc(structuredClone(loaded.settings)); setProblems([]); save.reset(); }} disabled={!dirty}>Discard changes</button>
        <button type="button" className="primary" onClick={submit} disabled={!isAdmin || !dirty || save.isPending}>{save.isPending ? 'Saving…' : 'Save settings'}</button>
      </div>
      <fieldset disabled={!isAdmin} className="settings-form">
        <Section title="Voice profile" id="voice">
          <VoiceEditor voice={doc.voice} onChange={(voice) => update('voice', voice)} problems={problems} />
        </Section>
        <Section title="Working hours and time zone" id="hours">
          <div className="form-grid">
            <TextField label="Seller time zone (IANA)" value={doc.seller.timeZone} list="time-zones" onChange={(timeZone) => update('seller', { ...doc.seller, timeZone })} problems={problemsFor(problems, 'seller.timeZone')} />
            <datalist id="time-zones">{timeZones.map((z) => <option key={z} value={z} />)}</datalist>
            <TextField label="Day starts (HH:MM)" value={doc.workingHours.start} onChange={(start) => update('workingHours', { ...doc.workingHours, start })} problems={problemsFor(problems, 'workingHours.start')} />
            <TextField label="Day ends (HH:MM)" value={doc.workingHours.end} onChange={(end) => update('workingHours', { ...doc.workingHours, end })} problems={problemsFor(problems, 'workingHours.end')} />
          </div>
          <fieldset className="days">
            <legend>Working days</legend>
            {DAYS.map((label, i) => (
              <CheckField key={label} label={label} checked={doc.workingHours.days.includes(i + 1)} onChange={(on) => update('workingHours', { ...doc.workingHours, days: on ? [...doc.workingHours.days, i + 1].sort() : doc.workingHours.days.filter((d) => d !== i + 1) })} />
            ))}
            <FieldProblems problems={problemsFor(problems, 'workingHours.days')} />
          </fieldset>
        </Section>
        <Section title="Holidays" id="holidays">
          <CheckField label="Use the US federal holidays" checked={doc.holidays.useUsFederal} onChange={(useUsFederal) => update('holidays', { ...doc.holidays, useUsFederal })} />
          <div className="form-grid">
            <ListField label="Extra days off (YYYY-MM-DD)" value={doc.holidays.extra} onChange={(extra) => update('holidays', { ...doc.holidays, extra })} problems={problemsFor(problems, 'holidays.extra')} />
            <ListField label="Work anyway on (YYYY-MM-DD)" value={doc.holidays.remove} onChange={(remove) => update('holidays', { ...doc.holidays, remove })} problems={problemsFor(problems, 'holidays.remove')} />
          </div>
        </Section>
        <Section title="Sending caps" id="caps">
          <div className="form-grid">
            <NumberField label="Sends per mailbox per day" value={doc.sending.dailyCapPerMailbox} min={1} onChange={(n) => update('sending', { ...doc.sending, dailyCapPerMailbox: n })} problems={problemsFor(problems, 'sending.dailyCapPerMailbox')} />
            <NumberField label="Sends per contact per window" value={doc.sending.perContactCap} min={1} onChange={(n) => update('sending', { ...doc.sending, perContactCap: n })} problems={problemsFor(problems, 'sending.perContactCap')} />
            <NumberField label="Per-contact window (days)" value={doc.sending.perContactWindowDays} min={1} onChange={(n) => update('sending', { ...doc.sending, perContactWindowDays: n })} problems={problemsFor(problems, 'sending.perContactWindowDays')} />
          </div>
        </Section>
        <Section title="Forms and suppression" id="lists">
          <div className="form-grid wide">
            <ListField label="Allowlisted HubSpot form ids" hint="Empty: every form is accepted" value={doc.forms.allowlist} onChange={(allowlist) => update('forms', { allowlist })} problems={problemsFor(problems, 'forms')} />
            <ListField label="Suppression list" hint="Addresses or @domain entries never written to" value={doc.safety.suppressed} onChange={(suppressed) => update('safety', { ...doc.safety, suppressed })} problems={problemsFor(problems, 'safety.suppressed')} />
          </div>
        </Section>
        <Section title="Drive folder rules" id="drive">
          <DriveRules doc={doc} onChange={(folders) => update('drive', { folders })} problems={problems} />
        </Section>
      </fieldset>
    </section>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card section" aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`} className="small">{title}</h2>
      {children}
    </section>
  );
}

function DriveRules({ doc, onChange, problems }: { doc: TenantSettings; onChange: (f: TenantSettings['drive']['folders']) => void; problems: FieldProblem[] }) {
  const folders = doc.drive.folders;
  const csv = (list: string[]): string => list.join(', ');
  const parse = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);
  const set = (i: number, patch: Partial<(typeof folders)[number]>): void => onChange(folders.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div>
      {folders.length === 0 ? <p className="subtle">No folders: no asset will ever be linked.</p> : null}
      {folders.map((f, i) => (
        <div className="form-grid drive-rule" key={i}>
          <TextField label="Folder id" value={f.folderId} onChange={(folderId) => set(i, { folderId })} problems={problemsFor(problems, `drive.folders.${i}.folderId`)} />
          <TextField label="Name" value={f.name} onChange={(name) => set(i, { name })} />
          <TextField label="Include paths (comma-separated)" value={csv(f.include)} onChange={(t) => set(i, { include: parse(t) })} />
          <TextField label="Exclude paths (wins over include)" value={csv(f.exclude)} onChange={(t) => set(i, { exclude: parse(t) })} />
          <button type="button" className="link-button" onClick={() => onChange(folders.filter((_, j) => j !== i))}>Remove folder</button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...folders, { folderId: '', name: '', include: [], exclude: [] }])}>Add a folder</button>
    </div>
  );
}
