// The voice profile editor with a live sample: every change renders a sample draft on the server
// (the real writer and linter, on a fixed made-up lead), debounced, so the preview matches production.
import { useEffect, useState } from 'react';
import type { FieldProblem } from '../api/client.js';
import { fetchSampleDraft } from '../api/queries.js';
import type { SampleDraft, VoiceProfile } from '../api/types.js';
import { describeError } from '../components/states.js';
import { CheckField, ListField, NumberField, problemsFor, TextField } from './settings-fields.js';

export function VoiceEditor({ voice, onChange, problems }: { voice: VoiceProfile; onChange: (v: VoiceProfile) => void; problems: FieldProblem[] }) {
  const set = <K extends keyof VoiceProfile>(key: K, value: VoiceProfile[K]): void => onChange({ ...voice, [key]: value });
  const p = (key: string) => problemsFor(problems, `voice.${key}`);
  return (
    <div className="voice-grid">
      <div className="form-grid">
        <label>
          Tone
          <select value={voice.tone} onChange={(e) => set('tone', e.target.value as VoiceProfile['tone'])}>
            {['professional', 'friendly', 'casual', 'formal'].map((t) => <option key={t}>{t}</option>)}
          </select>
        </label>
        <label>
          Call to action
          <select value={voice.ctaStyle} onChange={(e) => set('ctaStyle', e.target.value as VoiceProfile['ctaStyle'])}>
            <option value="question">question</option>
            <option value="soft-question">soft question</option>
          </select>
        </label>
        <TextField label="Greeting" value={voice.greeting} onChange={(v) => set('greeting', v)} problems={p('greeting')} />
        <TextField label="Sign-off" value={voice.signOff} onChange={(v) => set('signOff', v)} problems={p('signOff')} />
        <NumberField label="Max paragraphs" value={voice.maxParagraphs} min={1} max={10} onChange={(v) => set('maxParagraphs', v)} problems={p('maxParagraphs')} />
        <NumberField label="Max words" value={voice.maxWords} min={30} max={1000} onChange={(v) => set('maxWords', v)} problems={p('maxWords')} />
        <ListField label="Banned words" value={voice.bannedWords} onChange={(v) => set('bannedWords', v)} hint="One per line" problems={p('bannedWords')} />
        <ListField label="Banned punctuation" value={voice.bannedPunctuation} onChange={(v) => set('bannedPunctuation', v)} hint="One per line; the em and en dash are always banned" problems={p('bannedPunctuation')} />
        <CheckField label="Allow a P.S." checked={voice.allowPs} onChange={(v) => set('allowPs', v)} />
        <CheckField label="Use contractions" checked={voice.useContractions} onChange={(v) => set('useContractions', v)} />
      </div>
      <SamplePreview voice={voice} />
    </div>
  );
}

function SamplePreview({ voice }: { voice: VoiceProfile }) {
  const [sample, setSample] = useState<SampleDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(voice);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      fetchSampleDraft(JSON.parse(key) as VoiceProfile).then(
        (s) => current && (setSample(s), setError(null)),
        (e: unknown) => current && setError(describeError(e)),
      );
    }, 400);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);
  return (
    <aside className="card sample" aria-live="polite" aria-label="Sample draft">
      <h3 className="small">Sample draft {sample ? <span className="subtle">for {sample.lead.name}, {sample.lead.company}</span> : null}</h3>
      {error ? <p className="action-error">{error}</p> : null}
      {sample ? (
        <>
          <p className="subtle">They wrote: “{sample.lead.message}”</p>
          <p><strong>{sample.subject}</strong></p>
          <div className="email-body">{sample.body}</div>
          {sample.lint.length === 0 ? <p className="lint-ok">✓ passes every lint rule</p> : <ul className="field-problems">{sample.lint.map((l, i) => <li key={i}>{l.rule}: {l.message}</li>)}</ul>}
        </>
      ) : error ? null : <p className="subtle">Rendering…</p>}
    </aside>
  );
}
