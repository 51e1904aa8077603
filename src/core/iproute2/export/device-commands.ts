/**
 * `ip link add …` for each device kind, with every value quoted. Options the kernel defaults
 * anyway are left out so the script reads like one a person would write.
 */
import type { Device, VxlanDevice } from '../../model/types';
import type { MachinePlan } from './machine-plan';
import { MACVLAN_MODES } from '../../model/types';
import { keyword, sh } from './shell-quote';
import { bondVrfCreate } from './bond-vrf-commands';
import { ipTunnelCommands } from './ip-tunnel-commands';

/** The command lines that create `d` (and, for a veth, its peer) straight in its namespace. */
export function createCommands(p: MachinePlan, d: Device): string[] {
  const own = p.access.get(d.ns)!;
  const ip = own.ip;
  // run from the lower device's namespace; `netns` puts the new device in its own
  const from = p.access.get(p.runFrom.get(d.id) ?? d.ns)!;
  const into = from === own ? '' : ` netns ${own.moveTarget}`;
  switch (d.kind) {
    case 'veth': {
      const peer = p.byId.get(d.peer);
      if (!peer) return [];
      const peerNs = peer.ns === d.ns ? '' : ` netns ${p.access.get(peer.ns)!.moveTarget}`;
      return [`${ip} ${sh`link add name ${d.name} type veth peer name ${peer.name}`}${peerNs}`];
    }
    case 'bridge': {
      const opts: string[] = [];
      if (d.stp) opts.push('stp_state 1');
      if (d.ageingTime !== undefined && d.ageingTime !== 300) opts.push(sh`ageing_time ${Math.round(d.ageingTime * 100)}`);
      if (d.forwardDelay !== undefined && d.forwardDelay !== 15) opts.push(sh`forward_delay ${Math.round(d.forwardDelay * 100)}`);
      if (d.vlanFiltering) opts.push('vlan_filtering 1');
      if (d.vlanDefaultPvid !== undefined && d.vlanDefaultPvid !== 1) opts.push(sh`vlan_default_pvid ${d.vlanDefaultPvid}`);
      return [`${ip} ${sh`link add name ${d.name} type bridge`}${opts.map((o) => ` ${o}`).join('')}`];
    }
    case 'dummy':
      return [`${ip} ${sh`link add name ${d.name} type dummy`}`];
    case 'tap':
    case 'tun':
      return [`${ip} ${sh`tuntap add dev ${d.name} mode`} ${keyword(d.kind, ['tap', 'tun'])}`];
    case 'macvlan':
    case 'macvtap': {
      const parent = p.byId.get(d.parent);
      if (!parent) return [];
      let opts = ` mode ${keyword(d.mode, MACVLAN_MODES)}`;
      if (d.mode === 'passthru' && d.nopromisc) opts += ' nopromisc';
      if (d.mode === 'source' && d.nodst) opts += ' nodst';
      const lines = [`${from.ip} ${sh`link add link ${parent.name} name ${d.name}`}${into} type ${keyword(d.kind, ['macvlan', 'macvtap'])}${opts}`];
      for (const m of d.sourceMacs ?? []) lines.push(`${ip} ${sh`link set dev ${d.name} type`} ${keyword(d.kind, ['macvlan', 'macvtap'])} ${sh`macaddr add ${m}`}`);
      return lines;
    }
    case 'ipvlan': {
      const parent = p.byId.get(d.parent);
      if (!parent) return [];
      const flag = d.flag === 'bridge' ? '' : ` ${keyword(d.flag, ['private', 'vepa'])}`;
      return [`${from.ip} ${sh`link add link ${parent.name} name ${d.name}`}${into} type ipvlan mode ${keyword(d.mode, ['l2', 'l3', 'l3s'])}${flag}`];
    }
    case 'vlan': {
      const parent = p.byId.get(d.parent);
      if (!parent) return [];
      const proto = d.protocol && d.protocol !== '802.1Q' ? sh` protocol ${d.protocol}` : '';
      const flags = `${d.reorderHdr === false ? ' reorder_hdr off' : ''}${d.looseBinding ? ' loose_binding on' : ''}`;
      return [`${from.ip} ${sh`link add link ${parent.name} name ${d.name}`}${into} ${sh`type vlan id ${d.vid}`}${proto}${flags}`];
    }
    case 'vxlan': return vxlanCommands(p, d, ip, own.exec);
    case 'bond': case 'vrf': return bondVrfCreate(ip, d);
    case 'ipip': case 'gre': case 'gretap': return ipTunnelCommands(p, d, ip);
    case 'physical':
    case 'loopback':
      return [];
  }
}

/**
 * `ip link add NAME type vxlan id …` with the options the design sets, then its FDB entries
 * (`bridge fdb append`, which adds a destination to an entry rather than refusing an existing
 * MAC as `add` does). `dstport` is always written: without it ip warns that the kernel's
 * default, 8472, is not the IANA port.
 */
function vxlanCommands(p: MachinePlan, d: VxlanDevice, ip: string, exec: string): string[] {
  let opts = sh` id ${d.vni} dstport ${d.dstport ?? 8472}`;
  if (d.local) opts += sh` local ${d.local}`;
  if (d.remote) opts += sh` remote ${d.remote}`;
  if (d.group) opts += sh` group ${d.group}`;
  const under = d.underlay ? p.byId.get(d.underlay) : undefined;
  if (under) opts += sh` dev ${under.name}`;
  if (d.ttl !== undefined) opts += sh` ttl ${d.ttl}`;
  if (d.learning === false) opts += ' nolearning';
  if (d.proxy) opts += ' proxy';
  const lines = [`${ip} ${sh`link add name ${d.name} type vxlan`}${opts}`];
  for (const e of d.fdb ?? []) lines.push(`${exec}${sh`bridge fdb append ${e.mac} dev ${d.name} dst ${e.dst}`}`);
  return lines;
}

/** `ip link set dev NIC netns TARGET` for a NIC the design puts outside the root namespace. */
export function moveCommand(p: MachinePlan, d: Device): string | undefined {
  const root = p.host.namespaces.find((n) => n.root);
  const from = root && p.access.get(root.id);
  const to = p.access.get(d.ns);
  if (!from || !to || d.ns === root.id) return undefined;
  return `${from.ip} ${sh`link set dev ${d.name}`} netns ${to.moveTarget}`;
}
