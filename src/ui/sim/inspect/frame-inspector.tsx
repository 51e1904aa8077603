/** The selected event in full: every header field, a hex dump, and for a drop the reason and the fix. */
import { useMemo, useState } from 'react';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { explainDrop } from '../drops/explain';
import { eventFrame, eventWhere } from '../events/classify';
import { simEvents, useSimStore } from '../sim-store';
import { decodeFrame, hexRows, type Field } from './decode-frame';

function HexDump({ frame, hl }: { frame: Uint8Array; hl: Field | null }) {
  const inHl = (i: number) => hl !== null && i >= hl.offset && i < hl.offset + hl.length;
  return (
    <pre className="sim-hex" data-testid="hex-dump">
      {hexRows(frame).map((r) => (
        <div key={r.offset}>
          <span className="off">{r.offset.toString(16).padStart(4, '0')}</span>{'  '}
          {r.bytes.map((b, i) => <span key={i} className={inHl(r.offset + i) ? 'hl' : undefined}>{b.toString(16).padStart(2, '0')}{i === 7 ? '  ' : ' '}</span>)}
          {'   '.repeat(16 - r.bytes.length)}{' '}
          <span className="ascii">{r.bytes.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}</span>
        </div>
      ))}
    </pre>
  );
}

/** The explanation card of a drop: plain words, the fix, the kernel rule. */
export function DropCard({ ev }: { ev: Extract<TraceEvent, { kind: 'drop' }> }) {
  const x = explainDrop(ev.reason);
  return (
    <div className="sim-drop-card" data-testid="drop-card">
      <h4>Dropped at {ev.at.ns}:{ev.at.dev} — {x.title}</h4>
      <p>{x.plain}</p>
      {/* a fix worked out for this drop (which device, which cable) beats the general one */}
      <p><b>Fix:</b> <code data-testid="drop-fix">{ev.fix ?? x.fix}</code></p>
      <p className="muted kernel-rule"><b>Kernel rule:</b> {ev.why}</p>
    </div>
  );
}

function DropList() {
  useSimStore((s) => s.eventsVersion);
  const drops = simEvents.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'drop');
  if (drops.length === 0) return <p className="muted">Click an event to see every header field and the bytes. Drops will be listed here with the reason and the fix.</p>;
  return (
    <div className="sim-drop-list">
      <h4>Drops ({drops.length})</h4>
      {drops.slice(-20).map(([e, i]) => (
        <button key={i} className="sim-drop-item" onClick={() => useSimStore.setState({ selectedEvent: i })}>
          {(e.t / 1e9).toFixed(6)} {eventWhere(e)} — {explainDrop((e as { reason: string }).reason).title}
        </button>
      ))}
    </div>
  );
}

export function FrameInspector() {
  const selected = useSimStore((s) => s.selectedEvent);
  useSimStore((s) => s.eventsVersion);
  const ev = selected !== null ? simEvents[selected] : undefined;
  const frame = ev ? eventFrame(ev) : undefined;
  const layers = useMemo(() => (frame ? decodeFrame(frame) : []), [frame]);
  const [hl, setHl] = useState<Field | null>(null);
  if (!ev) return <div className="sim-inspector"><DropList /></div>;
  return (
    <div className="sim-inspector" data-testid="frame-inspector">
      <div className="sim-inspector-head">
        <b>#{selected}</b> at {(ev.t / 1e9).toFixed(6)} s, {eventWhere(ev) || 'everywhere'} <span className="muted">({ev.kind})</span>
        <button className="link" onClick={() => useSimStore.setState({ selectedEvent: null })}>close</button>
      </div>
      {ev.kind === 'drop' && <DropCard ev={ev} />}
      {!frame && ev.kind !== 'drop' && <pre className="sim-json">{JSON.stringify(ev, null, 2)}</pre>}
      {frame && (
        <>
          {layers.map((l) => (
            <details key={l.title} open className="sim-layer">
              <summary>{l.title}</summary>
              <table><tbody>
                {l.fields.map((f) => (
                  <tr key={f.name} onMouseEnter={() => setHl(f)} onMouseLeave={() => setHl(null)}>
                    <th>{f.name}</th><td>{f.value}</td>
                  </tr>
                ))}
              </tbody></table>
            </details>
          ))}
          <HexDump frame={frame} hl={hl} />
        </>
      )}
    </div>
  );
}
