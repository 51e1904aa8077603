/**
 * `ip -d -j link show` + `ip -4 -j addr show` as the harness records them (oracle.py
 * collect_links), and the MAC owners behind the MAC labels.
 */
import type { TunTapDevice } from '../../model/types';
import type { LinkEntry } from '../../observation/types';
import type { LabelInterface } from '../../capture/labels';
import { formatIp } from '../../net/ipv4';
import type { Sim, SimDev, SimNs } from '../model';
import { macvlanModeOf, operstate } from '../link-state';

/** The kind string `ip -d link` reports; a designed NIC is a veth into the LAN in the harness. */
export function linkKind(dev: SimDev): string {
  if (dev.kind === 'physical') return 'veth';
  return dev.kind;
}

/** The link device shown as `link`: its name if in the same namespace, else "<other-netns>". */
function linkOf(dev: SimDev): SimDev | 'other' | undefined {
  if (dev.kind === 'physical') return 'other';
  const l = dev.kind === 'veth' ? dev.peer : dev.lower;
  if (!l) return undefined;
  return l.ns === dev.ns ? l : 'other';
}

function flagsOf(dev: SimDev): string[] {
  const f: string[] = [];
  const linkDev = linkOf(dev);
  if (dev.up && !dev.carrier) f.push('NO-CARRIER');
  if (dev.kind === 'loopback') f.push('LOOPBACK');
  // gre is point-to-point even without a remote (measured on 6.1: gre0 <POINTOPOINT,NOARP>)
  if (dev.kind === 'tun' || dev.kind === 'gre' || (dev.kind === 'ipip' && !!dev.ipTunnel?.remote)) f.push('POINTOPOINT');
  if (dev.noarp) f.push('NOARP');
  if (dev.cfg.promisc) f.push('PROMISC');
  // bond_setup and vrf_setup set IFF_MASTER; bond_enslave sets IFF_SLAVE (a VRF's slaves get none)
  if (dev.kind === 'bond' || dev.kind === 'vrf') f.push('MASTER');
  if (dev.bondMaster) f.push('SLAVE');
  if (dev.up) f.push('UP');
  if (dev.up && dev.carrier) f.push('LOWER_UP');
  if (linkDev && linkDev !== 'other' && !linkDev.up) f.push('M-DOWN');
  return f;
}

/** One `links[]` entry. */
export function linkEntry(dev: SimDev, sim?: Pick<Sim, 'kernel'>): LinkEntry {
  const e: LinkEntry = { name: dev.name, kind: linkKind(dev), flags: [], operstate: '', addrs: [] };
  if (dev.kind === 'tap' || dev.kind === 'tun') e.kind = (dev.cfg as TunTapDevice).kind;
  const mode = macvlanModeOf(dev);
  if (mode) e.mode = mode;
  if (dev.kind === 'ipvlan' && dev.lower?.ipvlanPort) {
    e.mode = dev.lower.ipvlanPort.mode;
    e.ipvlan_flags = dev.lower.ipvlanPort.flag;
  }
  if (dev.kind === 'vlan') {
    e.vlan_id = dev.vid;
    e.vlan_protocol = dev.cfg.kind === 'vlan' && dev.cfg.protocol === '802.1ad' ? '802.1ad' : '802.1Q';
    const cfg = dev.cfg.kind === 'vlan' ? dev.cfg : undefined;
    e.vlan_flags = [...(cfg?.reorderHdr === false ? [] : ['REORDER_HDR']), ...(cfg?.looseBinding ? ['LOOSE_BINDING'] : [])];
  }
  if (dev.brPort) e.master = dev.brPort.bridge.name;
  const l3 = dev.bondMaster ?? (dev.cfg.master !== undefined ? dev.ns.devs.find((m) => m.id === dev.cfg.master && m.kind === 'vrf') : undefined);
  if (l3) e.master = l3.name;
  const l = linkOf(dev);
  if (l) e.link = l === 'other' ? '<other-netns>' : l.name;
  e.flags = flagsOf(dev);
  e.operstate = operstate(dev, sim);
  e.addrs = dev.addrs.map((a) => `${formatIp(a.addr)}/${a.len}`);
  if (dev.brPort) e.bridge_port = { state: dev.brPort.state, hairpin: dev.brPort.hairpin };
  return e;
}

/** Every interface of a namespace, in ifindex order. */
export function nsLinks(ns: SimNs, sim?: Pick<Sim, 'kernel'>): LinkEntry[] {
  return [...ns.devs].sort((a, b) => a.ifindex - b.ifindex).map((d) => linkEntry(d, sim));
}

/** The MAC owners for the labeler, as they are now. */
export function labelInterfaces(sim: Sim): LabelInterface[] {
  return sim.devs.map((d) => ({
    ns: d.ns.label, dev: d.name, mac: d.mac, kind: linkKind(d), master: d.brPort?.bridge.name ?? d.bondMaster?.name,
    ether: d.kind !== 'loopback' && d.kind !== 'tun', bridgeMacExplicit: d.kind === 'bridge' ? d.macSet : undefined,
  }));
}
