/** Look-ups shared by the editing commands (read-only; work on drafts and on frozen designs). */
import type { Design, Device, Host, Id, Namespace } from '../types';

export interface DeviceRef { host: Host; device: Device }
export interface NamespaceRef { host: Host; ns: Namespace }

/** The device with this id and the machine holding it. */
export function findDevice(design: Design, id: Id): DeviceRef | undefined {
  for (const host of design.hosts) {
    const device = host.devices.find((d) => d.id === id);
    if (device) return { host, device };
  }
  return undefined;
}

/** The namespace with this id and the machine holding it. */
export function findNamespace(design: Design, id: Id): NamespaceRef | undefined {
  for (const host of design.hosts) {
    const ns = host.namespaces.find((n) => n.id === id);
    if (ns) return { host, ns };
  }
  return undefined;
}

/** The devices whose lower device (`link`) is `id`. */
export function childrenOf(host: Host, id: Id): Device[] {
  return host.devices.filter((d) => 'parent' in d && d.parent === id);
}

/** The ports enslaved to bridge `id`. */
export function portsOf(host: Host, id: Id): Device[] {
  return host.devices.filter((d) => d.master === id);
}

/** The smallest `prefix<N>` (N ≥ start) not taken by `used`. */
export function freeName(prefix: string, used: Iterable<string>, start = 0): string {
  const taken = new Set(used);
  for (let n = start; ; n++) {
    const name = `${prefix}${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Names of the devices in namespace `nsId`. */
export function deviceNamesIn(host: Host, nsId: Id): string[] {
  return host.devices.filter((d) => d.ns === nsId).map((d) => d.name);
}
