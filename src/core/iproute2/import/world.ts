/**
 * The world a script runs in, from its `# phys:` / `# host:` header: the designed machine
 * with its NICs plugged into LANs, and the external machines on those LANs.
 */
import { IdAllocator, addLan, emptyDesign, newHost, rootNamespace } from '../../model/design';
import type { Design, Device, Host, Lan } from '../../model/types';
import type { WorldHeader } from '../../world/header';

export interface World {
  design: Design;
  ids: IdAllocator;
  main: Host;
}

/** Builds the design the script starts from. */
export function buildWorld(header: WorldHeader): World {
  const design = emptyDesign();
  const ids = new IdAllocator();
  const main = newHost(ids, 'host', 'host');
  design.hosts.push(main);
  const lans = new Map<string, Lan>();
  const lanFor = (name: string): Lan => {
    let lan = lans.get(name);
    if (!lan) lans.set(name, (lan = addLan(design, ids, name)));
    return lan;
  };
  const root = rootNamespace(main);
  for (const p of header.phys) {
    if (main.devices.some((d) => d.name === p.name)) continue;
    const nic: Device = {
      id: ids.take('d'), kind: 'physical', name: p.name, ns: root.id, up: !p.down,
      addresses: p.addrs.map((cidr) => ({ cidr })), lan: lanFor(p.lan).id,
    };
    if (p.mac) nic.mac = p.mac;
    if (p.hairpin) nic.lanHairpin = true;
    main.devices.push(nic);
  }
  for (const h of header.hosts) {
    if (design.hosts.some((x) => x.name === h.name)) continue;
    const ext = newHost(ids, h.name, 'external');
    const extRoot = rootNamespace(ext);
    const eth0: Device = {
      id: ids.take('d'), kind: 'physical', name: 'eth0', ns: extRoot.id, up: true,
      addresses: h.addrs.map((cidr) => ({ cidr })), lan: lanFor(h.lan).id,
    };
    if (h.mac) eth0.mac = h.mac;
    ext.devices.push(eth0);
    if (h.via) extRoot.routes.push({ dst: 'default', via: h.via, dev: eth0.id });
    design.hosts.push(ext);
  }
  return { design, ids, main };
}
