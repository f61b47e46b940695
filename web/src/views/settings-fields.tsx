// Small form controls for the settings editor: lists edited one item per line, numbers, and the
// field's problems from the last save shown right under it.
import { useEffect, useState } from 'react';
import type { FieldProblem } from '../api/client.js';

export function problemsFor(problems: FieldProblem[], prefix: string): FieldProblem[] {
  return problems.filter((p) => p.field === prefix || p.field.startsWith(`${prefix}.`));
}

export function FieldProblems({ problems }: { problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return <ul className="field-problems" role="alert">{problems.map((p, i) => <li key={i}>{p.field}: {p.reason}</li>)}</ul>;
}

/** A list of strings as a textarea, one per line; blank lines are dropped. */
export function ListField({ label, value, onChange, hint, problems = [] }: { label: string; value: string[]; onChange: (next: string[]) => void; hint?: string; problems?: FieldProblem[] }) {
  const [text, setText] = useState(value.join('\n'));
  const joined = value.join('\n');
  useEffect(() => setText((current) => (current.split('\n').map((s) => s.trim()).filter(Boolean).join('\n') === joined ? current : joined)), [joined]);
  return (
    <label>
      {label}
      <textarea rows={Math.min(8, Math.max(3, value.length + 1))} value={text} onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split('\n').map((s) => s.trim()).filter((s) => s !== ''));
      }} />
      {hint ? <span className="hint">{hint}</span> : null}
      <FieldProblems problems={problems} />
    </label>
  );
}

export function NumberField({ label, value, onChange, min, max, problems = [] }: { label: string; value: number; onChange: (n: number) => void; min?: number; max?: number; problems?: FieldProblem[] }) {
  return (
    <label>
      {label}
      <input type="number" value={Number.isFinite(value) ? value : ''} min={min} max={max} onChange={(e) => onChange(e.target.valueAsNumber)} />
      <FieldProblems problems={problems} />
    </label>
  );
}

export function TextField({ label, value, onChange, problems = [], list }: { label: string; value: string; onChange: (s: string) => void; problems?: FieldProblem[]; list?: string }) {
  return (
    <label>
      {label}
      <input value={value} onChange={(e) => onChange(e.target.value)} list={list} />
      <FieldProblems problems={problems} />
    </label>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (b: boolean) => void }) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
