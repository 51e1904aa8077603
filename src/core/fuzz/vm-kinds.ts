/**
 * Seeded random designs with the device kinds only a distribution kernel has (measured in a
 * VM, src/kernel/vm): 802.1Q and 802.1ad VLANs (reorder_hdr, loose_binding, gvrp off), ipvlan
 * l2/l3/l3s with bridge, private or vepa, dummy devices, bridges with vlan_filtering (pvid,
 * untagged, trunks of two VLANs), macvlan and ipvlan over VLANs and bridges, and a VLAN's
 * parent set down at the end.
 *
 * Only what the kernel accepts is drawn: a device has one rx_handler, so a bridge port
 * takes no macvlan or ipvlan child and a device with such a child is never enslaved
 * (netdev_rx_handler_register: EBUSY); macvlan and ipvlan never share a parent; a VLAN id is
 * used once per parent and protocol (vlan_check_real_dev: EEXIST).
 *
 * The external hosts on the LAN talk untagged or through VLAN devices of their own, so that
 * trunks, access ports and tagged frames meet something real.
 */
import { rng, type FuzzCase, type FuzzElement } from './generate';
import { addTunnelPair } from './vm-tunnels';

export interface VmGenerateOptions {
  /** Upper bound on ping probes. Default 8 (a failing ping costs 3.5 s under TCG). */
  maxProbes?: number;
}

/** An L2 domain: the untagged LAN, or a VLAN id on it. */
type Domain = 'lan' | 10 | 20;

interface VDev {
  name: string;
  ns: string;
  el: string;
  domain: Domain;
  /** What may still be done with it. */
  rxHandler?: 'bridge' | 'macvlan' | 'ipvlan';
  kind: 'phys' | 'vlan' | 'bridge' | 'veth' | 'dummy' | 'ipvlan' | 'macvlan';
}

const ipIn = (ns: string) => (ns === 'host' ? 'ip' : `ip -n ${ns}`);
const subnetOf = (d: Domain) => (d === 'lan' ? '192.168.0' : `10.${d}.0`);

export function generateVmFuzzCase(seed: number, options: VmGenerateOptions = {}): FuzzCase {
  const r = rng(seed ^ 0x5a17);
  const els: FuzzElement[] = [];
  const devs: VDev[] = [];
  const addrs: { ns: string; ip: string; el: string }[] = [];
  const used = new Set<number>();
  const add = (e: FuzzElement) => {
    els.push(e);
    return e.id;
  };
  const hostNo = (lo: number, hi: number) => {
    for (;;) {
      const n = r.int(lo, hi);
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const addr = (d: VDev, p = 0.8) => {
    if (!r.chance(p)) return;
    const ip = `${subnetOf(d.domain)}.${hostNo(100, 240)}`;
    const id = add({ id: `addr-${d.ns}-${d.name}`, needs: [d.el], lines: [`${ipIn(d.ns)} addr add ${ip}/24 dev ${d.name}`] });
    addrs.push({ ns: d.ns, ip, el: id });
  };
  const up = (d: VDev, p = 0.9) => {
    if (r.chance(p)) add({ id: `up-${d.ns}-${d.name}`, needs: [d.el], lines: [`${ipIn(d.ns)} link set ${d.name} up`] });
  };

  // the world: eth0 on a LAN, hosts untagged or on VLANs of their own
  const ethAddr = r.chance(0.4);
  const eth0El = add({ id: 'phys-eth0', needs: [], header: [`# phys: eth0${ethAddr ? ' 192.168.0.171/24' : ''}${r.chance(0.15) ? ' hairpin' : ''}`] });
  const eth0: VDev = { name: 'eth0', ns: 'host', el: eth0El, domain: 'lan', kind: 'phys' };
  devs.push(eth0);
  if (ethAddr) addrs.push({ ns: 'host', ip: '192.168.0.171', el: eth0El });
  const peers: string[] = [];
  for (let i = 0; i < r.int(1, 3); i++) {
    const name = ['pa', 'pb', 'pc'][i];
    const domain: Domain = r.pick(['lan', 10, 20] as const);
    const ip = `${subnetOf(domain)}.${hostNo(2, 60)}`;
    peers.push(name);
    if (domain === 'lan') {
      const el = add({ id: `host-${name}`, needs: [], ns: name, header: [`# host: ${name} ${ip}/24 lan=eth0`] });
      addrs.push({ ns: name, ip, el });
      continue;
    }
    const hel = add({ id: `host-${name}`, needs: [], ns: name, header: [`# host: ${name} lan=eth0`] });
    const proto = r.chance(0.15) ? ' protocol 802.1ad' : '';
    const vname = `eth0.${domain}`;
    const el = add({
      id: `hostvlan-${name}`, needs: [hel], lines: [
        `ip netns exec ${name} ip link add link eth0 name ${vname} type vlan${proto} id ${domain}`,
        `ip netns exec ${name} ip addr add ${ip}/24 dev ${vname}`,
        `ip netns exec ${name} ip link set ${vname} up`,
      ],
    });
    addrs.push({ ns: name, ip, el });
  }

  // namespaces
  const nss = ['host'];
  const nsEl: Record<string, string> = {};
  for (let i = 1; i <= r.int(1, 3); i++) {
    const ns = `ns${i}`;
    nsEl[ns] = add({ id: `netns-${ns}`, needs: [], ns, lines: [`ip netns add ${ns}`] });
    nss.push(ns);
  }
  const nsNeeds = (ns: string) => (nsEl[ns] ? [nsEl[ns]] : []);
  const otherNs = () => r.pick(nss.slice(1));

  // a bridge, VLAN-aware or not, with eth0 and veth ends as ports
  let br: VDev | undefined;
  const filtering = r.chance(0.5);
  if (r.chance(0.6)) {
    const opts = filtering ? ` vlan_filtering 1${r.chance(0.2) ? ' vlan_default_pvid 0' : ''}` : '';
    const el = add({ id: 'bridge-br0', needs: [], lines: [`ip link add br0 type bridge${opts}`] });
    br = { name: 'br0', ns: 'host', el, domain: 'lan', kind: 'bridge' };
    devs.push(br);
    const ports: VDev[] = [];
    if (r.chance(0.6)) {
      eth0.rxHandler = 'bridge';
      ports.push(eth0);
      add({ id: 'port-eth0', needs: [el], lines: ['ip link set eth0 master br0'] });
    }
    for (let i = 1; i <= r.int(1, 2); i++) {
      const ns = otherNs();
      const a = `v${i}b`;
      const b = `v${i}`;
      const vel = add({ id: `veth-${a}`, needs: [el, ...nsNeeds(ns)], lines: [`ip link add ${a} type veth peer name ${b}`, `ip link set ${a} master br0`, `ip link set ${b} netns ${ns}`] });
      const domain: Domain = filtering ? r.pick(['lan', 10, 20] as const) : 'lan';
      const port: VDev = { name: a, ns: 'host', el: vel, domain, kind: 'veth', rxHandler: 'bridge' };
      ports.push(port);
      devs.push(port, { name: b, ns, el: vel, domain, kind: 'veth' });
      up(port, 0.95);
    }
    if (filtering) {
      for (const p of ports) {
        const lines: string[] = [];
        const trunk = p.kind === 'phys' || r.chance(0.3);
        if (trunk) {
          for (const v of [10, 20]) if (r.chance(0.8)) lines.push(`bridge vlan add dev ${p.name} vid ${v}`);
        } else if (p.domain !== 'lan') {
          lines.push(`bridge vlan add dev ${p.name} vid ${p.domain} pvid untagged`);
          if (r.chance(0.3)) lines.push(`bridge vlan del dev ${p.name} vid 1`);
        }
        if (lines.length) add({ id: `vlans-${p.name}`, needs: [p.el, el], lines });
      }
      for (const v of [10, 20]) if (r.chance(0.35)) add({ id: `vlans-self-${v}`, needs: [el], lines: [`bridge vlan add dev br0 vid ${v} self`] });
    }
    up(br, 0.95);
    addr(br, 0.5);
  }

  // VLAN devices: on eth0 (a port or not), on the bridge device
  const vlanParents = [eth0, ...(br ? [br] : [])];
  for (let i = 0; i < r.int(0, 2); i++) {
    const parent = r.pick(vlanParents);
    const vid = r.pick([10, 20] as const);
    const name = `${parent.name}.${vid}`;
    if (devs.some((d) => d.name === name)) continue;
    const opts = [
      r.chance(0.15) ? ' protocol 802.1ad' : '',
      r.chance(0.25) ? ` reorder_hdr ${r.pick(['on', 'off'])}` : '',
      r.chance(0.3) ? ' loose_binding on' : '',
      r.chance(0.2) ? ' gvrp off' : '',
    ].join('');
    const ns = r.chance(0.25) ? otherNs() : 'host';
    const lines = [`ip link add link ${parent.name} name ${name} type vlan id ${vid}${opts}`];
    if (ns !== 'host') lines.push(`ip link set ${name} netns ${ns}`);
    const el = add({ id: `vlan-${name}`, needs: [parent.el, ...nsNeeds(ns)], lines });
    const d: VDev = { name, ns, el, domain: vid, kind: 'vlan' };
    devs.push(d);
  }

  // a dummy device
  if (r.chance(0.3)) {
    const el = add({ id: 'dummy-dummy0', needs: [], lines: ['ip link add dummy0 type dummy'] });
    devs.push({ name: 'dummy0', ns: 'host', el, domain: r.pick([10, 20] as const), kind: 'dummy' });
  }

  // ipvlan or macvlan children over NICs, VLANs, bridges, dummies (one kind per parent)
  for (let i = 0; i < r.int(0, 3); i++) {
    const kind = r.chance(0.6) ? 'ipvlan' : 'macvlan';
    const parents = devs.filter((d) => d.ns === 'host' && d.kind !== 'veth' && d.kind !== 'ipvlan' && d.kind !== 'macvlan'
      && (d.rxHandler === undefined || d.rxHandler === kind));
    if (!parents.length) break;
    const p = r.pick(parents);
    p.rxHandler = kind;
    const name = `${kind === 'ipvlan' ? 'ipv' : 'mv'}${i}`;
    const type = kind === 'ipvlan'
      ? `ipvlan mode ${r.pick(['l2', 'l2', 'l3', 'l3s'])}${r.chance(0.5) ? ` ${r.pick(['bridge', 'private', 'vepa'])}` : ''}`
      : `macvlan mode ${r.pick(['bridge', 'bridge', 'vepa', 'private'])}`;
    const ns = r.chance(0.8) ? otherNs() : 'host';
    const lines = [`ip link add link ${p.name} name ${name} type ${type}`];
    if (ns !== 'host') lines.push(`ip link set ${name} netns ${ns}`);
    const el = add({ id: `${kind}-${name}`, needs: [p.el, ...nsNeeds(ns)], lines });
    devs.push({ name, ns, el, domain: p.domain, kind });
  }

  // addresses and links up (eth0 is up from the header)
  for (const d of devs) {
    if (d.kind === 'phys' || d.kind === 'bridge' || (d.kind === 'veth' && d.ns === 'host')) continue;
    addr(d);
    up(d);
  }
  // a route out through a VLAN or the bridge, now and then
  for (const ns of nss.slice(1)) {
    const local = devs.filter((d) => d.ns === ns);
    const gw = local.length ? addrs.find((a) => a.ns !== ns && a.ip.startsWith(`${subnetOf(local[0].domain)}.`)) : undefined;
    if (gw && r.chance(0.3)) add({ id: `route-${ns}`, needs: [local[0].el, gw.el], lines: [`${ipIn(ns)} route add default via ${gw.ip}`] });
  }
  // the parent of VLANs set down at the end (loose_binding keeps the VLAN device up)
  if (devs.some((d) => d.kind === 'vlan') && r.chance(0.2)) {
    const p = r.pick(vlanParents);
    add({ id: `down-${p.name}`, needs: [p.el], lines: [`ip link set ${p.name} down`] });
  }

  const tunnelProbes = addTunnelPair(r, add);
  const sources = [...nss, ...peers];
  let pairs: string[] = [];
  for (const s of sources) for (const a of addrs) if (a.ns !== s) pairs.push(`ping ${s} ${a.ip}`);
  const max = options.maxProbes ?? 8;
  while (pairs.length > max) pairs.splice(r.int(0, pairs.length - 1), 1);
  pairs = pairs.length ? pairs : ['ping host 127.0.0.1'];
  const captures: string[] = [];
  const capDevs = devs.filter((d) => d.ns === 'host');
  for (let i = 0; i < 2 && capDevs.length; i++) {
    if (!r.chance(0.5)) continue;
    const c = `capture host ${r.pick(capDevs).name}`;
    if (!captures.includes(c)) captures.push(c);
  }
  return { seed, elements: els, probes: [...captures, ...tunnelProbes, ...pairs] };
}
