/**
 * The world outside an exported machine, as the script header states it: its physical NICs
 * (addresses, LAN, MAC, hairpin, down) and the external machines on those LANs. What the
 * header cannot say about an external machine is listed for the script's last section.
 */
import type { Diagnostic } from '../../model/diagnostics';
import { rootNamespace } from '../../model/design';
import type { Address, Design, Device, Host, Id, PhysicalDevice, Route } from '../../model/types';
import type { HostDecl, PhysDecl, WorldHeader } from '../../world/header';

export interface ExternalPart {
  host: Host;
  /** The NIC the header declares (its `eth0`), if any. */
  nic?: PhysicalDevice;
  /** The default route the header's `via` expresses, if any. */
  via?: Route;
}

export interface ExportWorld {
  header: WorldHeader;
  externals: ExternalPart[];
  /** Object ids behind each header line (phys NICs, external machines), in header order. */
  headerObjects: Id[][];
  diagnostics: Diagnostic[];
}

const isPhys = (d: Device): d is PhysicalDevice => d.kind === 'physical';

/** Whether the header can state an address (plain `A.B.C.D/LEN`, no peer, no flags). */
export function headerAddress(a: Address): boolean {
  return !a.peer && !a.noprefixroute && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(a.cidr);
}

/**
 * Whether a name survives the header's word syntax: one word, no `#` (which starts a comment
 * there), and not one of the header's own keywords.
 */
export function headerWordProblem(name: string): string | undefined {
  if (!/^[^\s#]+$/u.test(name)) return `"${name}" cannot be written in the script header (it holds whitespace or "#")`;
  if (/^(lan|mac)=/.test(name) || name === 'via' || name === 'hairpin' || name === 'down') return `"${name}" reads as a keyword in the script header`;
  return undefined;
}

/** The header of the script for `host`. */
export function exportWorld(design: Design, host: Host): ExportWorld {
  const lanName = new Map(design.lans.map((l) => [l.id, l.name]));
  const diagnostics: Diagnostic[] = [];
  const phys: PhysDecl[] = [];
  const headerObjects: Id[][] = [];
  const root = rootNamespace(host);
  const myLans = new Set<Id>();
  for (const d of host.devices.filter(isPhys)) {
    if (d.lan) myLans.add(d.lan);
    // a NIC that is moved into a namespace loses its addresses: the script adds them there
    const inRoot = d.ns === root.id;
    phys.push({
      name: d.name,
      addrs: inRoot ? d.addresses.filter(headerAddress).map((a) => a.cidr) : [],
      lan: (d.lan && lanName.get(d.lan)) || d.name,
      mac: d.mac ?? null,
      hairpin: d.lanHairpin === true,
      down: !(inRoot && d.up),
      line: 0,
    });
    headerObjects.push([d.id]);
  }
  const hosts: HostDecl[] = [];
  const externals: ExternalPart[] = [];
  for (const ext of design.hosts) {
    if (ext.role !== 'external') continue;
    const extRoot = ext.namespaces.find((n) => n.root);
    const nics = ext.devices.filter((d): d is PhysicalDevice => isPhys(d) && d.ns === extRoot?.id && !!d.lan);
    const nic = nics.find((d) => myLans.has(d.lan!));
    if (!nic || !extRoot) {
      diagnostics.push({ level: 'warning', code: 'external-not-on-lan', object: ext.id, message: `external machine ${ext.name} is on no LAN segment of machine ${host.name}; its script leaves it out` });
      continue;
    }
    for (const other of nics) {
      if (other !== nic) diagnostics.push({ level: 'warning', code: 'external-extra-nic', object: other.id, message: `external machine ${ext.name} has a second NIC ${other.name}; the script header describes one NIC per external machine, so it is left out` });
    }
    const via = extRoot.routes.find((r) => r.dst === 'default' && r.via && (r.dev === undefined || r.dev === nic.id) && (r.type ?? 'unicast') === 'unicast' && r.metric === undefined && !r.src && !r.onlink);
    hosts.push({ name: ext.name, addrs: nic.addresses.filter(headerAddress).map((a) => a.cidr), lan: lanName.get(nic.lan!) ?? nic.lan!, mac: nic.mac ?? null, via: via?.via ?? null, line: 0 });
    headerObjects.push([ext.id, nic.id]);
    externals.push({ host: ext, nic, via });
  }
  const check = (name: string, object: Id, what: string) => {
    const p = headerWordProblem(name);
    if (p) diagnostics.push({ level: 'error', code: 'header-name', object, message: `cannot export: ${what} ${p}` });
  };
  phys.forEach((p, i) => {
    check(p.name, headerObjects[i][0], 'physical NIC');
    // the header names each NIC as it is before the script runs: all in the root namespace
    if (phys.findIndex((q) => q.name === p.name) < i) {
      diagnostics.push({ level: 'error', code: 'header-name', object: headerObjects[i][0], message: `cannot export: two physical NICs of this machine are named "${p.name}"; a machine's NICs start in its root namespace with different names, and the script header declares each by its name` });
    }
    check(p.lan, headerObjects[i][0], 'LAN segment');
  });
  hosts.forEach((h, i) => check(h.name, headerObjects[phys.length + i][0], 'external machine'));
  // the header has no word for an external machine's NIC: the world names it eth0
  for (const ext of externals) {
    if (ext.nic && ext.nic.name !== 'eth0') diagnostics.push({ level: 'error', code: 'header-name', object: ext.nic.id, message: `cannot export: the NIC of external machine ${ext.host.name} is named "${ext.nic.name}"; the script header describes an external machine's NIC as eth0, so name it eth0` });
  }
  return { header: { phys, hosts }, externals, headerObjects, diagnostics };
}
