/**
 * Import a script: paste it or drop a file (a field note's commands, a conformance
 * topology.sh, a saved `.json` design). The result replaces the document, laid out
 * automatically; its diagnostics are listed here and in the Diagnostics tab.
 */
import { useEffect, useState, type DragEvent } from 'react';
import { formatDiagnostic } from '../../../core/model/diagnostics';
import { useImportReport } from './import-report';
import { openText } from './load-script';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [hover, setHover] = useState(false);
  const report = useImportReport((s) => s.report);
  const [ran, setRan] = useState(false);
  // Escape closes the dialog wherever the focus is (after Import the button has it, or nothing)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = async (body: string, source: string) => {
    setBusy(true);
    const ok = await openText(body, source);
    setBusy(false);
    setRan(true);
    const r = useImportReport.getState().report;
    // a clean import needs no further reading; otherwise leave the findings on screen
    if (ok && !r?.diagnostics.some((d) => d.level !== 'info')) onClose();
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setHover(false);
    const file = e.dataTransfer.files[0];
    if (file) { await run(await file.text(), file.name); return; }
    const dropped = e.dataTransfer.getData('text/plain');
    if (dropped) setText(dropped);
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="modal import-dialog" role="dialog" aria-label="Import a script">
        <h2>Import a script</h2>
        <p className="muted small">Paste <code>ip</code> / <code>bridge</code> / <code>sysctl</code> / <code>iptables</code> commands or drop a <code>.sh</code> or <code>.json</code> file. <code># phys:</code> and <code># host:</code> lines describe the world outside the host.</p>
        <textarea
          data-testid="import-text" className={hover ? 'drop-hover' : ''} spellCheck={false} autoFocus
          value={text} onChange={(e) => setText(e.target.value)} placeholder={'# phys: eth0 192.168.0.171/24\nip link add link eth0 name mac1 type macvlan mode bridge'}
          onDragOver={(e) => { e.preventDefault(); setHover(true); }} onDragLeave={() => setHover(false)} onDrop={(e) => void onDrop(e)}
        />
        {ran && report && report.diagnostics.length > 0 && (
          <ul className="import-findings" data-testid="import-findings">
            {report.diagnostics.map((d, i) => <li key={i} className={`diag-${d.level}`}>{formatDiagnostic(d)}</li>)}
          </ul>
        )}
        <div className="modal-actions">
          <button onClick={onClose}>Close</button>
          <button data-testid="import-run" className="primary" disabled={busy || !text.trim()} onClick={() => void run(text, 'pasted script')}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </div>
    </div>
  );
}
