/**
 * Shared look-ups for the validation passes: where each object sits in the document (for
 * JSON paths), devices by id, children by parent, ports by bridge. Built once per design.
 */
import type { Diagnostic } from './diagnostics';
import type { Design, Device, Host, Id, Namespace } from './types';

export interface DeviceRef { host: Host; hostIndex: number; device: Device; index: number }
export interface NamespaceRef { host: Host; hostIndex: number; ns: Namespace; index: number }

export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly devices = new Map<Id, DeviceRef>();
  readonly namespaces = new Map<Id, NamespaceRef>();
  readonly lans = new Set<Id>();
  private readonly childrenOf = new Map<Id, Device[]>();
  private readonly portsOf = new Map<Id, Device[]>();

  constructor(readonly design: Design) {
    design.hosts.forEach((host, hostIndex) => {
      host.namespaces.forEach((ns, index) => {
        if (!this.namespaces.has(ns.id)) this.namespaces.set(ns.id, { host, hostIndex, ns, index });
      });
      host.devices.forEach((device, index) => {
        if (!this.devices.has(device.id)) this.devices.set(device.id, { host, hostIndex, device, index });
        if ('parent' in device) push(this.childrenOf, device.parent, device);
        if (device.master) push(this.portsOf, device.master, device);
      });
    });
    for (const l of design.lans) this.lans.add(l.id);
  }

  /** A device of the same host, or undefined (a reference never crosses machines). */
  device(host: Host, id: Id | undefined): Device | undefined {
    const ref = id === undefined ? undefined : this.devices.get(id);
    return ref && ref.host === host ? ref.device : undefined;
  }

  children(id: Id): Device[] {
    return this.childrenOf.get(id) ?? [];
  }

  ports(id: Id): Device[] {
    return this.portsOf.get(id) ?? [];
  }

  devicePath(d: Device, field?: string): string {
    const ref = this.devices.get(d.id);
    const base = ref ? `hosts[${ref.hostIndex}].devices[${ref.index}]` : `device ${d.id}`;
    return field ? `${base}.${field}` : base;
  }

  nsPath(ns: Namespace, field?: string): string {
    const ref = this.namespaces.get(ns.id);
    const base = ref ? `hosts[${ref.hostIndex}].namespaces[${ref.index}]` : `namespace ${ns.id}`;
    return field ? `${base}.${field}` : base;
  }

  /** The namespace label used in messages: `ns1`, or `host` for a root namespace. */
  where(ns: Id): string {
    const ref = this.namespaces.get(ns);
    if (!ref) return '?';
    return ref.ns.root ? ref.host.name : ref.ns.name;
  }

  /** `eth0` or `ns1:mac1`, as messages name a device. */
  label(d: Device): string {
    const ref = this.namespaces.get(d.ns);
    return !ref || ref.ns.root ? d.name : `${ref.ns.name}:${d.name}`;
  }

  error(code: string, object: Id, path: string, message: string): void {
    this.diagnostics.push({ level: 'error', code, object, path, message });
  }

  warn(code: string, object: Id, path: string, message: string): void {
    this.diagnostics.push({ level: 'warning', code, object, path, message });
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
