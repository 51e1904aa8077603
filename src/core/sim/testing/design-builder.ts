/**
 * A compact way to write designs in unit tests (what a script would configure), without
 * going through the script importer.
 */
import { addNamespace, emptyDesign, IdAllocator, newHost, rootNamespace } from '../../model/design';
import type { BridgeDevice, Design, Device, Host, MacvlanMode, Namespace, PhysicalDevice } from '../../model/types';

export class DesignBuilder {
  readonly design: Design = emptyDesign();
  readonly ids = new IdAllocator();
  readonly host: Host;

  constructor() {
    this.host = newHost(this.ids, 'host');
    this.design.hosts.push(this.host);
  }

  /** The namespace called `name` ("host" is the root), created with lo up unless `loDown`. */
  ns(name: string, loDown = false): Namespace {
    if (name === 'host') return rootNamespace(this.host);
    const found = this.host.namespaces.find((n) => n.name === name);
    if (found) return found;
    const ns = addNamespace(this.host, this.ids, name);
    const lo = this.host.devices.find((d) => d.ns === ns.id && d.kind === 'loopback') as Device;
    lo.up = !loDown;
    return ns;
  }

  private add<T extends Device>(d: T): T {
    this.host.devices.push(d);
    return d;
  }

  /** A veth pair, both ends up, with optional addresses. */
  veth(a: string, aNs: string, b: string, bNs: string, aAddr?: string, bAddr?: string): [Device, Device] {
    const ida = this.ids.take('d');
    const idb = this.ids.take('d');
    const da = this.add({ id: ida, kind: 'veth', name: a, ns: this.ns(aNs).id, up: true, addresses: aAddr ? [{ cidr: aAddr }] : [], peer: idb });
    const db = this.add({ id: idb, kind: 'veth', name: b, ns: this.ns(bNs).id, up: true, addresses: bAddr ? [{ cidr: bAddr }] : [], peer: ida });
    return [da, db];
  }

  /** A bridge, up, with the given ports. */
  bridge(name: string, ns: string, ports: Device[], opts: Partial<BridgeDevice> = {}): BridgeDevice {
    const br = this.add<BridgeDevice>({ id: this.ids.take('d'), kind: 'bridge', name, ns: this.ns(ns).id, up: true, addresses: [], ...opts });
    for (const p of ports) p.master = br.id;
    return br;
  }

  /** A NIC plugged into LAN segment `lan` (created on first use). */
  nic(name: string, ns: string, lan: string, addr?: string, hairpin = false): PhysicalDevice {
    let seg = this.design.lans.find((l) => l.name === lan);
    if (!seg) {
      seg = { id: this.ids.take('l'), name: lan };
      this.design.lans.push(seg);
    }
    return this.add<PhysicalDevice>({ id: this.ids.take('d'), kind: 'physical', name, ns: this.ns(ns).id, up: true, addresses: addr ? [{ cidr: addr }] : [], lan: seg.id, lanHairpin: hairpin });
  }

  /** A macvlan child of `parent`, up, in namespace `ns`. */
  macvlan(name: string, parent: Device, mode: MacvlanMode, ns: string, addr?: string): Device {
    return this.add({ id: this.ids.take('d'), kind: 'macvlan', name, ns: this.ns(ns).id, up: true, addresses: addr ? [{ cidr: addr }] : [], parent: parent.id, mode });
  }
}
