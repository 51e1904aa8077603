/**
 * The ping tool (like a simple PDU): press Ping in the toolbar (or P), click the device that
 * sends, then the device to ping; the ping runs in the simulator and its frames travel the
 * wires. Esc or the button again leaves the tool.
 */
import { useEffect } from 'react';
import { Panel } from '@xyflow/react';
import { create } from 'zustand';
import { useAppStore } from '../../store/store';
import { pingFrom } from './actions';
import { deviceForNode, deviceWhere } from './targets';

interface PingToolState { active: boolean; source: string | null }
export const usePingTool = create<PingToolState>(() => ({ active: false, source: null }));

export function startPingTool(source: string | null = null): void {
  usePingTool.setState({ active: true, source });
}
export function stopPingTool(): void {
  usePingTool.setState({ active: false, source: null });
}

export function PingToolButton() {
  const active = usePingTool((s) => s.active);
  return (
    <button data-testid="ping-tool" aria-pressed={active} className={active ? 'active' : undefined}
      title="Ping tool: click the device that sends, then the device to ping (P)" onClick={() => (active ? stopPingTool() : startPingTool())}>
      ⇢ Ping
    </button>
  );
}

/** A click on the canvas while the tool is on: picks the sender, then the target. */
function onCanvasClick(e: MouseEvent): void {
  const { active, source } = usePingTool.getState();
  if (!active) return;
  const node = (e.target as Element | null)?.closest?.('.react-flow__node');
  const canvas = (e.target as Element | null)?.closest?.('.react-flow');
  if (!canvas) return;
  if (!node) return;
  e.stopPropagation();
  const design = useAppStore.getState().design;
  const id = deviceForNode(design, node.getAttribute('data-id') ?? '');
  const notify = useAppStore.getState().notify;
  if (!id) { notify('Pick a device (or a namespace with an addressed device)', 'error'); return; }
  if (!source) { usePingTool.setState({ source: id }); return; }
  const target = deviceWhere(design, id);
  const addr = target?.device.addresses[0]?.cidr.split('/')[0];
  if (!target || !addr) { notify(`${target?.device.name ?? 'That device'} has no address to ping`, 'error'); return; }
  pingFrom(source, addr);
  stopPingTool();
}

function onKey(e: KeyboardEvent): void {
  const t = e.target as HTMLElement | null;
  const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
  if (e.key === 'Escape' && usePingTool.getState().active) { stopPingTool(); return; }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if ((e.key === 'p' || e.key === 'P') && t?.closest?.('.react-flow, body') && !t.closest('.tab-panel, .app-inspector, [role="dialog"]')) {
    if (usePingTool.getState().active) stopPingTool(); else startPingTool();
  }
}

export function PingToolRoot() {
  const active = usePingTool((s) => s.active);
  useEffect(() => {
    document.addEventListener('click', onCanvasClick, true);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('click', onCanvasClick, true); document.removeEventListener('keydown', onKey); };
  }, []);
  useEffect(() => { document.documentElement.toggleAttribute('data-ping-tool', active); }, [active]);
  return null;
}

/** The hint on the canvas while the tool is on. */
export function PingToolHint() {
  const { active, source } = usePingTool();
  const design = useAppStore((s) => s.design);
  if (!active) return null;
  const from = source ? deviceWhere(design, source) : undefined;
  return (
    <Panel position="top-center" className="ping-hint" data-testid="ping-hint">
      {from ? <>Ping from <b>{from.ns} {from.device.name}</b>: now click the device to ping.</> : <>Ping: click the device that sends.</>}
      {' '}<button className="link" onClick={stopPingTool}>Esc to stop</button>
    </Panel>
  );
}
