/**
 * A shell per namespace: `ping`, `arping`, `ip …`, `bridge fdb show`, `sysctl`, answered
 * as iproute2/iputils print. With "Predict first" on, a ping waits for the class's guess
 * and then shows whether it was right.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ensureLoaded, runCommand } from '../controller';
import { EventList } from '../events/event-list';
import { useSimStore, type ConsoleEntry } from '../sim-store';
import { OUTCOMES, outcomeLabel } from './outcomes';
import '../sim.css';

const NONE: ConsoleEntry[] = [];

function Verdict({ e }: { e: ConsoleEntry }) {
  if (!e.predicted) return null;
  if (!e.done || !e.outcome) return <div className="sim-verdict waiting">Prediction: {outcomeLabel(e.predicted)} — watch…</div>;
  const right = e.predicted === e.outcome;
  return (
    <div className={`sim-verdict ${right ? 'right' : 'wrong'}`} data-testid="verdict">
      {right ? `✓ Right! ${outcomeLabel(e.outcome)}.` : `✗ Predicted ${outcomeLabel(e.predicted)}, but it was ${outcomeLabel(e.outcome)}.`}
    </div>
  );
}

function Prediction({ ns, line }: { ns: string; line: string }) {
  return (
    <div className="sim-predict" data-testid="predict">
      <div className="q">What will <code>{line}</code> in <b>{ns}</b> give?</div>
      <div className="choices">
        {OUTCOMES.map((o) => (
          <button key={o.value} data-testid={`predict-${o.value}`} onClick={() => {
            useSimStore.setState({ pendingPrediction: null });
            runCommand(ns, line, o.value);
          }}>{o.label}</button>
        ))}
        <button className="link" onClick={() => useSimStore.setState({ pendingPrediction: null })}>cancel</button>
      </div>
    </div>
  );
}

export function ConsolePanel() {
  const namespaces = useSimStore((s) => s.namespaces);
  const ns = useSimStore((s) => s.consoleNs);
  const entries = useSimStore((s) => (ns ? s.consoles[ns] : undefined)) ?? NONE;
  const predictMode = useSimStore((s) => s.predictMode);
  const pending = useSimStore((s) => s.pendingPrediction);
  const [line, setLine] = useState('');
  const [hist, setHist] = useState<{ list: string[]; at: number }>({ list: [], at: 0 });
  const out = useRef<HTMLDivElement>(null);
  useEffect(() => { ensureLoaded(); }, []);
  useEffect(() => { if (out.current) out.current.scrollTop = out.current.scrollHeight; }, [entries, pending]);
  const submit = () => {
    const text = line.trim();
    if (!ns || !text) return;
    setHist({ list: [...hist.list, text], at: hist.list.length + 1 });
    setLine('');
    if (predictMode && /^ping\s/.test(text)) useSimStore.setState({ pendingPrediction: { ns, line: text } });
    else runCommand(ns, text);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') submit();
    else if (e.key === 'ArrowUp' && hist.at > 0) { setLine(hist.list[hist.at - 1]); setHist({ ...hist, at: hist.at - 1 }); }
    else if (e.key === 'ArrowDown') { const at = Math.min(hist.list.length, hist.at + 1); setLine(hist.list[at] ?? ''); setHist({ ...hist, at }); }
  };
  const prompt = `root@${ns ?? '?'}:~#`;
  const presentation = useSimStore((s) => s.presentation);
  return (
    <div className="sim-console-panel">
      <div className="sim-console-bar">
        <div className="sim-ns-tabs" role="tablist" aria-label="Namespace">
          {namespaces.map((n) => (
            <button key={n} role="tab" data-testid={`console-ns-${n}`} aria-selected={n === ns} onClick={() => useSimStore.setState({ consoleNs: n })}
              ref={n === ns ? (el) => el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }) : undefined}>{n}</button>
          ))}
        </div>
        <label className="chip">
          <input type="checkbox" data-testid="predict-mode" checked={predictMode} onChange={(e) => useSimStore.setState({ predictMode: e.target.checked })} /> Predict first
        </label>
      </div>
      <div className="sim-console-body">
      <div className="sim-terminal" ref={out} data-testid="console-output" onClick={() => document.getElementById('sim-console-input')?.focus()}>
        {entries.map((e) => (
          <div key={e.id} className="entry">
            <div className="cmd"><span className="prompt">{prompt}</span> {e.line}</div>
            {e.output && <pre>{e.output}</pre>}
            <Verdict e={e} />
          </div>
        ))}
        {pending && pending.ns === ns && <Prediction ns={pending.ns} line={pending.line} />}
        <div className="cmd input-line">
          <span className="prompt">{prompt}</span>
          <input id="sim-console-input" data-testid="console-input" aria-label={`Console in ${ns ?? ''}`} autoComplete="off" spellCheck={false}
            value={line} onChange={(e) => setLine(e.target.value)} onKeyDown={onKey} placeholder="ping -c 1 ADDRESS   (help for the list)" />
        </div>
      </div>
      {/* in presentation the class sees the events beside the console, not in another tab */}
      {presentation && <div className="sim-console-split" data-testid="console-events"><EventList /></div>}
      </div>
    </div>
  );
}
