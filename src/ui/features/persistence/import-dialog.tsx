/**
 * Import a script: paste it or drop files (a field note's commands, a conformance
 * topology.sh, a script with the vars file it sources, a saved `.json` design), and give the
 * script's arguments. The result replaces the document, laid out automatically; its
 * diagnostics are listed here and in the Diagnostics tab.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { formatDiagnostic } from '../../../core/model/diagnostics';
import { useImportReport } from './import-report';
import { COLLECTOR_ONE_LINER } from '../../../core/snapshot/collector';
import { looksLikeJson, looksLikeSnapshot, openText, pickMain, splitArgs } from './load-script';

interface Named { name: string; text: string }

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [source, setSource] = useState('pasted script');
  const [companions, setCompanions] = useState<Named[]>([]);
  const [args, setArgs] = useState('');
  const [busy, setBusy] = useState(false);
  const [hover, setHover] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const report = useImportReport((s) => s.report);
  const [ran, setRan] = useState(false);
  // Escape closes the dialog wherever the focus is (after Import the button has it, or nothing)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = async (body: string, name: string, files: Named[] = companions) => {
    setBusy(true);
    const ok = await openText(body, name, undefined, { files: Object.fromEntries(files.map((f) => [f.name, f.text])), args: splitArgs(args) });
    setBusy(false);
    setRan(true);
    const r = useImportReport.getState().report;
    // a clean import needs no further reading; otherwise leave the findings on screen
    if (ok && !r?.diagnostics.some((d) => d.level !== 'info')) onClose();
  };

  /** One file runs at once (as before); several wait for the arguments and the Import button. */
  const takeFiles = async (list: FileList | null) => {
    const files: Named[] = await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, text: await f.text() })));
    if (!files.length) return;
    if (files.length === 1 && !companions.length && (looksLikeJson(files[0].name, files[0].text) || looksLikeSnapshot(files[0].text) || !text.trim())) {
      setText(files[0].text);
      setSource(files[0].name);
      await run(files[0].text, files[0].name, []);
      return;
    }
    const all = [...(text.trim() ? [{ name: source, text }] : []), ...companions, ...files];
    const main = pickMain(all);
    setText(all[main].text);
    setSource(all[main].name);
    setCompanions(all.filter((_, i) => i !== main));
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setHover(false);
    if (e.dataTransfer.files.length) { await takeFiles(e.dataTransfer.files); return; }
    const dropped = e.dataTransfer.getData('text/plain');
    if (dropped) setText(dropped);
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="modal import-dialog" role="dialog" aria-label="Import a script">
        <h2>Import a script</h2>
        <p className="muted small">Paste <code>ip</code> / <code>bridge</code> / <code>sysctl</code> / <code>iptables</code> commands or drop <code>.sh</code> files (a script and the files it sources) or a <code>.json</code> design. <code># phys:</code> and <code># host:</code> lines describe the world outside the host.</p>
        <details className="muted small">
          <summary>Draw a machine you have: paste a host snapshot</summary>
          <p>Run <code>vnetlab snapshot</code>, or this as root on the machine, and paste or drop the file it writes:</p>
          <code data-testid="snapshot-command" style={{ display: 'block', whiteSpace: 'pre-wrap', wordBreak: 'break-all', userSelect: 'all' }}>{COLLECTOR_ONE_LINER}</code>
        </details>
        <textarea
          data-testid="import-text" aria-label="Script" className={hover ? 'drop-hover' : ''} spellCheck={false} autoFocus
          value={text} onChange={(e) => setText(e.target.value)} placeholder={'# phys: eth0 192.168.0.171/24\nip link add link eth0 name mac1 type macvlan mode bridge'}
          onDragOver={(e) => { e.preventDefault(); setHover(true); }} onDragLeave={() => setHover(false)} onDrop={(e) => void onDrop(e)}
        />
        <div className="import-inputs">
          <label className="small">
            <span>Arguments <span className="muted">($1 $2 …) for the script</span></span>
            <input data-testid="import-args" type="text" value={args} spellCheck={false} placeholder="br0 eth0" onChange={(e) => setArgs(e.target.value)} />
          </label>
          <button type="button" data-testid="import-add-files" onClick={() => picker.current?.click()}>Add files…</button>
          <input ref={picker} type="file" multiple hidden accept=".sh,.bash,.txt,.json,text/plain" data-testid="import-file-input" onChange={(e) => { void takeFiles(e.target.files); e.target.value = ''; }} />
        </div>
        {(companions.length > 0 || source !== 'pasted script') && (
          <ul className="import-files small" data-testid="import-files" aria-label="Files">
            <li><strong>{source}</strong> <span className="muted">runs</span></li>
            {companions.map((f) => (
              <li key={f.name}>
                {f.name} <span className="muted">sourced by name</span>
                <button type="button" className="link" aria-label={`Remove ${f.name}`} onClick={() => setCompanions(companions.filter((c) => c !== f))}>×</button>
              </li>
            ))}
          </ul>
        )}
        {ran && report && report.diagnostics.length > 0 && (
          <ul className="import-findings" data-testid="import-findings">
            {report.diagnostics.map((d, i) => <li key={i} className={`diag-${d.level}`}>{formatDiagnostic(d)}</li>)}
          </ul>
        )}
        <div className="modal-actions">
          <button onClick={onClose}>Close</button>
          <button data-testid="import-run" className="primary" disabled={busy || !text.trim()} onClick={() => void run(text, source)}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </div>
    </div>
  );
}
