/**
 * The Script tab: the exported setup, teardown or sandbox script of each designed host,
 * live beside the canvas, with Copy and Download.
 */
import { useState } from 'react';
import { useAppStore } from '../../store/store';
import { downloadText } from '../../features/persistence/download';
import type { ExportMode } from './exporter';
import { ScriptView } from './script-view';
import { useScripts } from './use-scripts';
import './script.css';

const MODES: { id: ExportMode; title: string; hint: string }[] = [
  { id: 'setup', title: 'Setup', hint: 'Builds the design on a host' },
  { id: 'teardown', title: 'Teardown', hint: 'Removes what the setup script made' },
  { id: 'sandbox', title: 'Sandbox', hint: 'Builds the design inside namespaces, safe to run on any machine' },
];

export function ScriptPanel() {
  const [mode, setMode] = useState<ExportMode>('setup');
  const [hostPick, setHostPick] = useState<string | null>(null);
  const state = useScripts(mode);
  const hosts = useAppStore((s) => s.design.hosts);
  const notify = useAppStore((s) => s.notify);
  const scripts = state.status === 'ready' ? state.scripts : [];
  const current = scripts.find((s) => s.hostId === hostPick) ?? scripts[0];
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;

  const copy = async () => {
    if (!current) return;
    try { await navigator.clipboard.writeText(current.text); notify('Script copied to the clipboard'); } catch { notify('The clipboard is not available here; use Download', 'error'); }
  };

  return (
    <div className="script-panel">
      <div className="script-bar">
        <div className="segmented" role="tablist" aria-label="Script kind">
          {MODES.map((m) => (
            <button key={m.id} role="tab" aria-selected={m.id === mode} className={m.id === mode ? 'on' : ''} title={m.hint}
              data-testid={`script-mode-${m.id}`} onClick={() => setMode(m.id)}>{m.title}</button>
          ))}
        </div>
        {scripts.length > 1 && (
          <label className="small">Host{' '}
            <select data-testid="script-host" value={current?.hostId} onChange={(e) => setHostPick(e.target.value)}>
              {scripts.map((s) => <option key={s.hostId} value={s.hostId}>{hostName(s.hostId)}</option>)}
            </select>
          </label>
        )}
        <span className="muted small script-file">{current?.fileName}</span>
        <button data-testid="script-copy" disabled={!current} onClick={() => void copy()}>Copy</button>
        <button data-testid="script-download" disabled={!current}
          onClick={() => current && downloadText(current.fileName.endsWith('.sh') ? current.fileName : `${current.fileName}.sh`, current.text, 'text/x-shellscript')}>Download .sh</button>
      </div>
      {state.status === 'loading' && <p className="muted script-note">Writing the script…</p>}
      {state.status === 'failed' && <p className="diag-error script-note">The script could not be written: {state.message}</p>}
      {state.status === 'ready' && !current && state.diagnostics.length > 0 && (
        <ul className="script-note script-blocked" data-testid="script-blocked">
          {state.diagnostics.map((d, i) => <li key={i} className={`diag-${d.level}`}>{d.message}</li>)}
        </ul>
      )}
      {state.status === 'ready' && !current && state.diagnostics.length === 0 && <p className="muted script-note">No designed host yet: drop a namespace or a device on the canvas.</p>}
      {current && <ScriptView script={current} />}
    </div>
  );
}
