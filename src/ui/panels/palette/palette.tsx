/** The palette: every device kind, namespaces, machines and LAN segments, dragged onto the canvas. */
import type { DragEvent } from 'react';
import { PALETTE_MIME, type PaletteItem } from '../../canvas/drop';

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

export function Palette() {
  return (
    <nav className="palette">
      {GROUPS.map((g) => (
        <section key={g.title}>
          <h2>{g.title}</h2>
          <ul>
            {g.entries.map((e) => (
              <li key={e.label} draggable onDragStart={(ev) => onDragStart(ev, e.item)} title={e.hint}
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
