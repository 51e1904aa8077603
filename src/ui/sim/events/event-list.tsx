/**
 * The event list, like Packet Tracer's: time, place, what happened, coloured by protocol,
 * filterable by protocol and by namespace/device. Only the visible rows are rendered.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { simEvents, useSimStore, type EventFilter } from '../sim-store';
import { deviceLabeler, eventProtocol, eventSummary, eventWhere, kindText } from './classify';

const ROW = 24;
/** Below this list width a row takes two lines, the summary on its own, so it is not cut off. */
const TWO_LINES_BELOW = 1000;
const TWO_LINE_ROW = 44;

let cache: { filter: EventFilter; epoch: number; upTo: number; rows: number[] } | null = null;

/**
 * The filtered indices, computed incrementally while the log only grows (same filter,
 * same epoch): a batch costs its own size, not the whole log's.
 */
export function filteredRows(events: readonly TraceEvent[], filter: EventFilter, epoch: number): number[] {
  const c = cache;
  const rows = c && c.filter === filter && c.epoch === epoch && c.upTo <= events.length
    ? filterEvents(events, filter, c.upTo, c.rows.slice())
    : filterEvents(events, filter);
  cache = { filter, epoch, upTo: events.length, rows };
  return rows;
}

/** Indices of the events passing the filter, from index `start` on (appended to `out`). */
export function filterEvents(events: readonly TraceEvent[], f: EventFilter, start = 0, out: number[] = []): number[] {
  for (let i = start; i < events.length; i++) {
    const ev = events[i];
    if (f.dropsOnly && ev.kind !== 'drop') continue;
    // A drop without a frame (e.g. a packet given up after ARP failed) belongs to no protocol: always shown.
    if (!f[eventProtocol(ev)] && !(ev.kind === 'drop' && !ev.frame)) continue;
    if (f.where) {
      const w = eventWhere(ev);
      if (w !== f.where && !w.startsWith(`${f.where}:`)) continue;
    }
    out.push(i);
  }
  return out;
}

function Filters() {
  const f = useSimStore((s) => s.filter);
  const devices = useSimStore((s) => s.devices);
  const namespaces = useSimStore((s) => s.namespaces);
  const set = (patch: Partial<EventFilter>) => useSimStore.setState({ filter: { ...f, ...patch } });
  return (
    <div className="sim-filters">
      {(['arp', 'icmp', 'other'] as const).map((p) => (
        <label key={p} className={`chip proto-${p}`}>
          <input type="checkbox" data-testid={`filter-${p}`} checked={f[p]} onChange={(e) => set({ [p]: e.target.checked })} />
          {p.toUpperCase()}
        </label>
      ))}
      <label className="chip drop">
        <input type="checkbox" data-testid="filter-drops" checked={f.dropsOnly} onChange={(e) => set({ dropsOnly: e.target.checked })} /> drops only
      </label>
      <select aria-label="Where" data-testid="filter-where" value={f.where} onChange={(e) => set({ where: e.target.value })}>
        <option value="">everywhere</option>
        {namespaces.map((ns) => (
          <optgroup key={ns} label={ns}>
            <option value={ns}>{ns} (namespace)</option>
            {devices.filter((d) => d.ns === ns).map((d) => <option key={`${ns}:${d.dev}`} value={`${ns}:${d.dev}`}>{ns}:{d.dev}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function EventList() {
  const version = useSimStore((s) => s.eventsVersion);
  const filter = useSimStore((s) => s.filter);
  const devices = useSimStore((s) => s.devices);
  const selected = useSimStore((s) => s.selectedEvent);
  const running = useSimStore((s) => s.running);
  const label = useMemo(() => deviceLabeler(devices), [devices]);
  const epoch = useSimStore((s) => s.eventsEpoch);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the log is mutated in place; `version` marks its changes
  const rows = useMemo(() => filteredRows(simEvents, filter, epoch), [version, epoch, filter]);
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const [twoLines, setTwoLines] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => setTwoLines(el.clientWidth < TWO_LINES_BELOW));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const ROW_H = twoLines ? TWO_LINE_ROW : ROW;
  useEffect(() => {
    const el = box.current;
    if (el && running) el.scrollTop = el.scrollHeight;
  }, [rows, running]);
  // the selected event (a step, a click on the canvas) is scrolled into view when it is off-screen
  useEffect(() => {
    const el = box.current;
    if (!el || selected === null) return;
    const at = rows.indexOf(selected);
    if (at < 0) return;
    const top = at * ROW_H;
    if (top < el.scrollTop || top + ROW_H > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2);
      setScroll({ top: el.scrollTop, height: el.clientHeight });
    }
  }, [selected, rows, ROW_H]);
  const first = Math.max(0, Math.floor(scroll.top / ROW_H) - 10);
  const last = Math.min(rows.length, Math.ceil((scroll.top + scroll.height) / ROW_H) + 10);
  return (
    <div className="sim-events">
      <Filters />
      <div className="sim-event-scroll" ref={box} data-testid="event-list" data-count={rows.length}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
        {rows.length === 0 && <p className="muted sim-empty">No events{filter.other ? '' : ' (OTHER, e.g. IPv6 link-up chatter, is hidden)'} yet. Type <code>ping -c 1 ADDRESS</code> in the Console tab, or press Run.</p>}
        <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
          {rows.slice(first, last).map((idx, k) => {
            const ev = simEvents[idx];
            const p = eventProtocol(ev);
            return (
              <div key={idx} role="row" data-testid="event-row" data-kind={ev.kind} data-proto={p}
                aria-selected={idx === selected}
                className={`sim-event proto-${p} kind-${ev.kind}${twoLines ? ' two-lines' : ''}${idx === selected ? ' selected' : ''}`}
                style={{ top: (first + k) * ROW_H }}
                onClick={() => useSimStore.setState({ selectedEvent: idx })}>
                <span className="t">{(ev.t / 1e9).toFixed(6)}</span>
                <span className="where">{eventWhere(ev)}</span>
                <span className="kind">{kindText(ev)}</span>
                <span className="summary" title={eventSummary(ev, label)}>{eventSummary(ev, label)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
