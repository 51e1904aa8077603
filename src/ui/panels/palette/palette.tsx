/** The palette: every device kind, namespaces, machines and LAN segments, dragged onto the canvas. */
import { IP_TUNNEL_PALETTE } from './ip-tunnel-palette';
import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { dropCommand, PALETTE_MIME, type PaletteItem } from '../../canvas/drop';
import { indexOf } from '../../store/selectors';
import { useAppStore } from '../../store/store';

interface Entry { item: PaletteItem; label: string; hint: string }

const GROUPS: { title: string; entries: Entry[] }[] = [
  {
    title: 'Devices',
    entries: [
      { item: { type: 'device', kind: 'physical' }, label: 'Physical NIC', hint: 'A real Ethernet port (eth0); plugs into a LAN segment' },
      { item: { type: 'device', kind: 'veth' }, label: 'veth pair', hint: 'Two ends of a virtual cable' },
      { item: { type: 'device', kind: 'bridge' }, label: 'Bridge', hint: 'A learning switch inside the host' },
      { item: { type: 'device', kind: 'macvlan' }, label: 'macvlan', hint: 'A MAC-addressed child of a lower device' },
      { item: { type: 'device', kind: 'macvtap' }, label: 'macvtap', hint: 'macvlan with a tap character device' },
      { item: { type: 'device', kind: 'ipvlan' }, label: 'ipvlan', hint: 'Children sharing the lower device\'s MAC' },
      { item: { type: 'device', kind: 'vlan' }, label: 'VLAN (802.1Q)', hint: 'A tagged sub-interface of a lower device' },
      { item: { type: 'device', kind: 'tap' }, label: 'tap', hint: 'An Ethernet device backed by a process (a VM)' },
      { item: { type: 'device', kind: 'tun' }, label: 'tun', hint: 'An IP-level device backed by a process (a VPN)' },
      { item: { type: 'device', kind: 'dummy' }, label: 'dummy', hint: 'A device that swallows what it sends' },
      { item: { type: 'device', kind: 'vxlan' }, label: 'VXLAN', hint: 'An Ethernet tunnel in UDP to other hosts (an overlay)' },
      ...IP_TUNNEL_PALETTE,
    ],
  },
  {
    title: 'Containers',
    entries: [
      { item: { type: 'namespace' }, label: 'Network namespace', hint: 'ip netns add' },
      { item: { type: 'host' }, label: 'Host', hint: 'A Linux machine you design (exported as a script)' },
    ],
  },
  {
    title: 'Outside world',
    entries: [
      { item: { type: 'lan' }, label: 'LAN segment', hint: 'A switch outside the hosts' },
      { item: { type: 'external' }, label: 'External host', hint: 'A machine on a LAN segment (peer or gateway)' },
    ],
  },
];

function onDragStart(e: DragEvent, item: PaletteItem) {
  e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
  e.dataTransfer.effectAllowed = 'copy';
}

const testId = (item: PaletteItem) => `palette-${item.type === 'device' ? item.kind : item.type}`;

/** Keyboard and double-click alternative to dragging: adds the item at the centre of the view. */
function useAddAtCentre() {
  const { screenToFlowPosition } = useReactFlow();
  return (item: PaletteItem) => {
    const el = document.querySelector('.canvas-wrap');
    if (!el) return;
    const r = el.getBoundingClientRect();
    const p = screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const st = useAppStore.getState();
    const res = st.applyCommand((d, ids) => dropCommand(d, item, p, ids));
    if (!res.ok) return;
    const idx = indexOf(res.design);
    const pick = res.created.find((id) => (item.type === 'device' ? idx.devices.has(id) : item.type === 'namespace' ? idx.namespaces.has(id) : true));
    if (pick) st.select([pick]);
  };
}

export function Palette() {
  const add = useAddAtCentre();
  return (
    <nav className="palette">
      {GROUPS.map((g) => (
        <section key={g.title}>
          <h2>{g.title}</h2>
          <ul>
            {g.entries.map((e) => (
              <li key={e.label} draggable onDragStart={(ev) => onDragStart(ev, e.item)} title={`${e.hint} — drag onto the canvas, or double-click / Enter to add`}
                tabIndex={0} role="button" onDoubleClick={() => add(e.item)} onKeyDown={(ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); add(e.item); } }}
                className={`palette-item palette-${e.item.type === 'device' ? `kind-${e.item.kind}` : e.item.type}`}
                data-testid={testId(e.item)}>
                <span className="swatch" />{e.label}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="legend">
        <h2>Wires</h2>
        <ul>
          <li><span className="wire rel-parent" />lower device (link)</li>
          <li><span className="wire rel-master" />bridge port (master)</li>
          <li><span className="wire rel-peer" />veth peer</li>
          <li><span className="wire rel-lan" />NIC ↔ LAN</li>
        </ul>
        <p className="muted small">Drag from a handle: bottom-left plug → a lower device's top-left socket; top-right plug → a bridge's bottom socket; a NIC's bottom-right plug → a LAN.</p>
      </section>
    </nav>
  );
}
