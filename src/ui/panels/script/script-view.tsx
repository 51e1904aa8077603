/**
 * One script, line by line: coloured, with line numbers; lines behind the selected objects are
 * highlighted and scrolled into view; clicking a line selects the objects it configures.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Id } from '../../../core/model/types';
import { useAppStore } from '../../store/store';
import type { HostScript } from './exporter';
import { highlightLine } from './highlight';

/** Design object ids behind a selection (a wire `relation:deviceId` stands for its device). */
export function selectedObjects(selection: readonly string[]): Set<Id> {
  return new Set(selection.map((s) => (s.includes(':') ? s.slice(s.indexOf(':') + 1) : s)));
}

const Line = memo(function Line({ n, text, lit, clickable, onPick }: {
  n: number; text: string; lit: boolean; clickable: boolean; onPick: (n: number) => void;
}) {
  const tokens = useMemo(() => highlightLine(text), [text]);
  return (
    <div
      className={`script-line${lit ? ' lit' : ''}${clickable ? ' clickable' : ''}`} data-line={n} data-lit={lit || undefined}
      onClick={clickable ? () => onPick(n) : undefined}
    >
      <span className="ln">{n}</span>
      <code>{tokens.map((t, i) => (t.cls === 'text' ? t.text : <span key={i} className={`tok-${t.cls}`}>{t.text}</span>))}{text ? '' : ' '}</code>
    </div>
  );
});

export function ScriptView({ script }: { script: HostScript }) {
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const box = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => script.text.replace(/\n$/, '').split('\n'), [script.text]);
  const objectsByLine = useMemo(() => {
    const m = new Map<number, Id[]>();
    for (const l of script.lines) m.set(l.line, [...(m.get(l.line) ?? []), ...l.objects]);
    return m;
  }, [script.lines]);
  const chosen = useMemo(() => selectedObjects(selection), [selection]);
  const lit = useMemo(() => {
    const out = new Set<number>();
    if (chosen.size === 0) return out;
    for (const [n, objs] of objectsByLine) if (objs.some((o) => chosen.has(o))) out.add(n);
    return out;
  }, [chosen, objectsByLine]);

  useEffect(() => {
    if (lit.size === 0) return;
    const first = Math.min(...lit);
    box.current?.querySelector(`[data-line="${first}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [lit]);

  const onPick = useMemo(() => (n: number) => {
    const objs = objectsByLine.get(n);
    if (objs?.length) select([...new Set(objs)]);
  }, [objectsByLine, select]);

  return (
    <div className="script-view" ref={box} data-testid="script-view">
      {lines.map((text, i) => (
        <Line key={i} n={i + 1} text={text} lit={lit.has(i + 1)} clickable={objectsByLine.has(i + 1)} onPick={onPick} />
      ))}
    </div>
  );
}
