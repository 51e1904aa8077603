/**
 * Right-click a device (or press the context-menu key / Shift+F10 on a focused node) for
 * ping, arping and capture. A menu of buttons: arrow keys move, Esc closes, focus returns.
 */
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useAppStore } from '../../store/store';
import { arpingFrom, captureOn, pingFrom, saveAsTest } from './actions';
import { startPingTool } from './ping-tool';
import { arpTargets, deviceForNode, deviceWhere, pingTargets } from './targets';

interface MenuAt { id: string; x: number; y: number; back: HTMLElement | null }

const MAX_TARGETS = 6;

export function DeviceMenuRoot() {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  useEffect(() => {
    const openFor = (node: Element, x: number, y: number): boolean => {
      const design = useAppStore.getState().design;
      const id = deviceForNode(design, node.getAttribute('data-id') ?? '');
      const isDevice = design.hosts.some((h) => h.devices.some((d) => d.id === node.getAttribute('data-id')));
      if (!id || !isDevice) return false;
      setMenu({ id, x, y, back: node as HTMLElement });
      return true;
    };
    const onContext = (e: MouseEvent) => {
      const node = (e.target as Element | null)?.closest?.('.react-flow__node');
      if (node && openFor(node, e.clientX, e.clientY)) e.preventDefault();
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))) return;
      const node = (document.activeElement as Element | null)?.closest?.('.react-flow__node');
      if (!node) return;
      const r = node.getBoundingClientRect();
      if (openFor(node, r.x + r.width / 2, r.y + r.height / 2)) e.preventDefault();
    };
    document.addEventListener('contextmenu', onContext);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('contextmenu', onContext); document.removeEventListener('keydown', onKey); };
  }, []);
  if (!menu) return null;
  return <DeviceMenu menu={menu} close={() => { menu.back?.focus(); setMenu(null); }} />;
}

function DeviceMenu({ menu, close }: { menu: MenuAt; close: () => void }) {
  const design = useAppStore((s) => s.design);
  const ref = useRef<HTMLDivElement>(null);
  const w = deviceWhere(design, menu.id);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (e: MouseEvent) => { if (!ref.current?.contains(e.target as Node)) close(); };
    document.addEventListener('mousedown', away, true);
    return () => document.removeEventListener('mousedown', away, true);
  }, [close]);
  if (!w) return null;
  const pings = pingTargets(design, menu.id).slice(0, MAX_TARGETS);
  const arps = arpTargets(design, menu.id).slice(0, MAX_TARGETS);
  const act = (f: () => void) => () => { f(); close(); };
  const onKey = (e: ReactKeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length]?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length]?.focus(); }
    else if (e.key === 'Home') { e.preventDefault(); items[0]?.focus(); }
    else if (e.key === 'End') { e.preventDefault(); items[items.length - 1]?.focus(); }
    else if (e.key === 'Tab') { e.preventDefault(); }
  };
  // Kept inside the window whatever the size (projectors).
  const left = Math.max(4, Math.min(menu.x, window.innerWidth - 300));
  const top = Math.max(4, Math.min(menu.y, window.innerHeight - 40 - 28 * (pings.length + arps.length + 4)));
  return (
    <div ref={ref} className="device-menu" role="menu" aria-label={`${w.ns} ${w.device.name}`} data-testid="device-menu" style={{ left, top }} onKeyDown={onKey}>
      <div className="device-menu-title">{w.ns} <b>{w.device.name}</b></div>
      <div className="device-menu-group" role="group" aria-label="Ping">
        {pings.length === 0 && <div className="device-menu-empty">No other address to ping</div>}
        {pings.map((t) => (
          <div key={`p${t.device}${t.addr}`} className="device-menu-row">
            <button role="menuitem" data-testid={`menu-ping-${t.addr}`} onClick={act(() => pingFrom(menu.id, t.addr))}>Ping {t.addr} <span className="muted">{t.label}</span></button>
            <button role="menuitem" className="device-menu-side" aria-label={`Save ping ${t.addr} as a test`} title="Save as a test" onClick={act(() => saveAsTest(menu.id, t.addr))}>+ test</button>
          </div>
        ))}
        <button role="menuitem" data-testid="menu-ping-pick" onClick={act(() => startPingTool(menu.id))}>Ping a device I click…</button>
      </div>
      <div className="device-menu-group" role="group" aria-label="ARP">
        {arps.map((t) => (
          <button key={`a${t.device}${t.addr}`} role="menuitem" data-testid={`menu-arping-${t.addr}`} onClick={act(() => arpingFrom(menu.id, t.addr))}>ARP: who has {t.addr}? <span className="muted">{t.label}</span></button>
        ))}
      </div>
      <div className="device-menu-group">
        <button role="menuitem" data-testid="menu-capture" onClick={act(() => captureOn(menu.id))}>Capture on {w.device.name}</button>
      </div>
    </div>
  );
}
