/**
 * Inspector controls. Text fields keep a draft while typing, validate it inline, and commit
 * on Enter or blur; a commit the core refuses shows the refusal under the field.
 */
import { useId, useState, type ReactNode } from 'react';
import type { EditResult } from '../../../core/model/edit/result';

export type Commit = (value: string) => EditResult | void;

interface TextFieldProps {
  label: string;
  value: string;
  placeholder?: string;
  validate?: (v: string) => string | undefined;
  onCommit: Commit;
  /** Clear the field after a successful commit (for "add" inputs). */
  clearOnCommit?: boolean;
  testId?: string;
}

export function TextField({ label, value, placeholder, validate, onCommit, clearOnCommit, testId }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  const [refusal, setRefusal] = useState<string | undefined>();
  if (base !== value) { setBase(value); setDraft(value); setRefusal(undefined); }
  const problem = draft !== value && draft !== '' ? validate?.(draft) : undefined;
  const commit = () => {
    if (draft === value || problem) return;
    const r = onCommit(draft);
    if (r && !r.ok) { setRefusal(r.reason); return; }
    setRefusal(undefined);
    if (clearOnCommit) setDraft('');
  };
  const error = problem ?? refusal;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={draft} placeholder={placeholder} data-testid={testId} aria-invalid={!!error}
        onChange={(e) => { setDraft(e.target.value); setRefusal(undefined); }}
        onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setDraft(value); }} />
      {error && <div className="field-error" role="alert">{error}</div>}
    </div>
  );
}

export function Toggle({ label, checked, onChange, title }: { label: string; checked: boolean; onChange: (v: boolean) => void; title?: string }) {
  const id = useId();
  return (
    <div className="field toggle" title={title}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Select<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly (T | { value: T; label: string })[]; onChange: (v: T) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => {
          const v = typeof o === 'string' ? o : o.value;
          return <option key={v} value={v}>{typeof o === 'string' ? o : o.label}</option>;
        })}
      </select>
    </div>
  );
}

export function Section({ title, children, open = true }: { title: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="section" open={open}>
      <summary>{title}</summary>
      <div className="section-body">{children}</div>
    </details>
  );
}

/** A removable list row. */
export function Row({ children, onRemove, removeLabel }: { children: ReactNode; onRemove: () => void; removeLabel: string }) {
  return (
    <li className="row">
      <span className="row-text">{children}</span>
      <button className="icon" aria-label={removeLabel} title={removeLabel} onClick={onRemove}>×</button>
    </li>
  );
}

/** Integer text or empty (meaning "default"). */
export function intOrUndefined(v: string): number | undefined {
  return v.trim() === '' ? undefined : Number(v);
}

export const intProblem = (v: string) => (/^-?\d+$/.test(v.trim()) ? undefined : 'a whole number');
