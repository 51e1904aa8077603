/**
 * A snapshot → the iproute2 script that builds the same network, with where each line came
 * from (namespace, device, field). The script importer then builds the design from it with
 * its kernel rules, so a snapshot and a script give the same design for the same network.
 * What the design cannot hold is a located warning here; nothing is dropped silently.
 */
import type { Diagnostic } from '../model/diagnostics';
import { interfaceNameProblem, namespaceNameProblem } from '../model/names';
import { INTERFACE_SYSCTL_KEYS, SYSCTL_DEFAULTS } from '../model/types';
import { shq } from '../iproute2/export/shell-quote';
import type { SnapLink, SnapNamespace, Snapshot } from './format';

/** Where a script line came from in the snapshot. */
export interface Origin {
  ns: string;
  dev?: string;
  field: string;
}

export interface SnapshotScript {
  script: string;
  /** 1-based script line → origin. */
  origins: Map<number, Origin>;
  diagnostics: Diagnostic[];
}

/** Link kinds the design models, and how a snapshot's device of that kind is rebuilt. */
const MODELLED = new Set(['tun', 'veth', 'bridge', 'macvlan', 'macvtap', 'ipvlan', 'vlan', 'dummy', 'vxlan']);
/** qdiscs a device has by default (no tc configuration). */
const DEFAULT_QDISCS = new Set(['noqueue', 'noop', 'pfifo_fast', 'fq_codel', 'mq', 'fq', 'pfifo']);
const BUILTIN_CHAINS = new Set(['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING']);

interface Dev {
  ns: NsInfo;
  link: SnapLink;
  name: string;
  kind: string;
  skipped?: boolean;
}

interface NsInfo {
  snap: SnapNamespace;
  /** Design namespace name; '' for the machine's own. */
  name: string;
  label: string;
  byIndex: Map<number, Dev>;
  byName: Map<string, Dev>;
}

export function snapshotToScript(snapshot: Snapshot, file = 'snapshot'): SnapshotScript {
  const lines: string[] = ['#!/bin/bash', '# rebuilt from a vnetlab snapshot'];
  const origins = new Map<number, Origin>();
  const diagnostics: Diagnostic[] = [];
  const where = (o: Origin) => [o.ns, o.dev, o.field].filter(Boolean).join(' › ');
  const warn = (o: Origin, message: string, code = 'unmodelled', level: Diagnostic['level'] = 'warning') =>
    diagnostics.push({ level, message: `${where(o)}: ${message}`, file, path: where(o), code });
  const emit = (o: Origin, words: (string | number)[]) => {
    lines.push(words.map((w) => (typeof w === 'number' || /^[A-Za-z0-9_.:/=+@%,-]+$/.test(w) ? String(w) : shq(w))).join(' '));
    origins.set(lines.length, o);
  };

  // namespaces: the machine's own first, then named, then processes' (named after the process)
  const spaces: NsInfo[] = [];
  const names = new Set<string>();
  let root: NsInfo | undefined;
  for (const snap of snapshot.namespaces) {
    const label = snap.kind === 'root' ? 'root namespace' : snap.kind === 'netns' ? `netns ${snap.name}` : `process ${snap.pid} (${snap.comm ?? '?'})`;
    if (snap.kind === 'root') {
      if (root) { warn({ ns: label, field: 'namespaces' }, 'a second root namespace; ignored', 'snapshot', 'error'); continue; }
      root = { snap, name: '', label, byIndex: new Map(), byName: new Map() };
      spaces.push(root);
      continue;
    }
    const problem = namespaceNameProblem(snap.name);
    if (problem) { warn({ ns: label, field: 'name' }, `namespace name ${JSON.stringify(snap.name)} cannot be used: ${problem}; skipped`, 'bad-name', 'error'); continue; }
    if (names.has(snap.name)) { warn({ ns: label, field: 'name' }, `namespace "${snap.name}" appears twice; the second is skipped`, 'snapshot', 'error'); continue; }
    names.add(snap.name);
    spaces.push({ snap, name: snap.name, label: snap.kind === 'process' ? `${label} as netns ${snap.name}` : label, byIndex: new Map(), byName: new Map() });
  }
  for (const ns of spaces) {
    for (const [section, msg] of Object.entries(ns.snap.unreadable)) warn({ ns: ns.label, field: section }, `could not be read: ${msg.split('\n')[0].slice(0, 200)}`, 'unreadable');
    for (const link of ns.snap.link) {
      const o = { ns: ns.label, dev: link.ifname, field: 'ifname' };
      const p = interfaceNameProblem(link.ifname);
      if (p) { warn(o, `interface name ${JSON.stringify(link.ifname)} cannot be used: ${p}; skipped`, 'bad-name', 'error'); continue; }
      const kind = link.link_type === 'loopback' ? 'loopback' : (link.linkinfo?.info_kind ?? (link.link_type === 'ether' ? 'nic' : `link/${link.link_type ?? 'unknown'}`));
      const dev: Dev = { ns, link, name: link.ifname, kind };
      ns.byIndex.set(link.ifindex, dev);
      ns.byName.set(link.ifname, dev);
    }
  }
  const ipn = (ns: NsInfo) => (ns.name ? ['ip', '-n', ns.name] : ['ip']);
  const exec = (ns: NsInfo) => (ns.name ? ['ip', 'netns', 'exec', ns.name] : []);

  /** The namespace a device's link-netnsid names, seen from `ns`. */
  const peerSpace = (ns: NsInfo, link: SnapLink, mutual: boolean): NsInfo | undefined => {
    if (link.link_netnsid === undefined || link.link_netnsid < 0) return ns;
    const named = ns.snap.nsid.find((n) => n.nsid === link.link_netnsid)?.name;
    if (named) return spaces.find((s) => s.snap.kind === 'netns' && s.name === named);
    // an nsid without a name is a namespace /run/netns does not hold: the root or a process's
    const cands = spaces.filter((s) => s !== ns && s.snap.kind !== 'netns' && s.byIndex.has(link.link_index ?? -1)
      && (!mutual || s.byIndex.get(link.link_index!)!.link.link_index === link.ifindex));
    return cands.length === 1 ? cands[0] : cands.find((s) => s === root);
  };
  const lowerOf = (d: Dev): Dev | undefined => {
    if (d.link.link_index === undefined) return d.link.link ? d.ns.byName.get(d.link.link) : undefined;
    if (d.link.link_netnsid !== undefined) return peerSpace(d.ns, d.link, false)?.byIndex.get(d.link.link_index);
    const own = d.ns.byIndex.get(d.link.link_index);
    if (own && own !== d) return own;
    // a device made with `netns` at creation is listed without link-netnsid (Linux 6.18):
    // its lower is the one other namespace's device with that ifindex, the root's if several
    const cands = spaces.filter((s) => s !== d.ns && s.byIndex.has(d.link.link_index!));
    const pick = cands.length === 1 ? cands[0] : cands.find((s) => s === root);
    return pick?.byIndex.get(d.link.link_index);
  };

  const phys: string[] = [];
  const creates: [Origin, (string | number)[]][] = [];
  const done = new Set<Dev>();
  const created = (d: Dev) => done.has(d);
  // veths and standalone devices first, then stacked ones (their lowers exist by then)
  const all = spaces.flatMap((ns) => [...ns.byIndex.values()]);
  for (const d of all) {
    const o = { ns: d.ns.label, dev: d.name, field: 'kind' };
    if (d.kind === 'loopback') { done.add(d); continue; }
    if (d.kind === 'nic') {
      if (d.ns !== root) { warn(o, 'a physical NIC inside a namespace; drawn in the root namespace and moved there'); }
      phys.push([`# phys: ${d.name}`, d.link.address ? `mac=${d.link.address}` : '', d.link.flags.includes('UP') ? '' : 'down'].filter(Boolean).join(' '));
      if (d.ns !== root) creates.push([o, ['ip', 'link', 'set', d.name, 'netns', d.ns.name]]);
      done.add(d);
      continue;
    }
    if (!MODELLED.has(d.kind)) { d.skipped = true; warn(o, `${d.kind} devices are not modelled; ${d.name} is left out`); continue; }
    if (d.kind === 'veth') {
      if (done.has(d)) continue;
      const peer = d.link.link_index === undefined && d.link.link ? d.ns.byName.get(d.link.link) : peerSpace(d.ns, d.link, true)?.byIndex.get(d.link.link_index ?? -1);
      if (!peer || peer.kind !== 'veth' || done.has(peer)) {
        d.skipped = true;
        warn(o, 'its veth peer is not in the snapshot (a namespace that could not be read?); left out', 'unresolved');
        continue;
      }
      // a root end is made from the root (the root has no name to give `netns`)
      const [a, b] = peer.ns === root && d.ns !== root ? [peer, d] : [d, peer];
      creates.push([o, [...ipn(a.ns), 'link', 'add', a.name, 'type', 'veth', 'peer', 'name', b.name, ...(b.ns !== a.ns ? ['netns', b.ns.name] : [])]]);
      done.add(a); done.add(b);
      if (b.ns === root && a.ns !== root) warn(o, 'veth end in the root namespace made from a named one', 'unresolved');
    }
  }
  const data = (d: Dev) => (d.link.linkinfo?.info_data ?? {}) as Record<string, unknown>;
  for (let pass = 0; pass < 4; pass++) {
    for (const d of all) {
      if (done.has(d) || d.skipped || d.kind === 'veth') continue;
      const o = { ns: d.ns.label, dev: d.name, field: 'kind' };
      const i = data(d);
      if (d.kind === 'bridge') {
        creates.push([o, [...ipn(d.ns), 'link', 'add', d.name, 'type', 'bridge', ...(i.stp_state ? ['stp_state', 1] : []), ...(i.vlan_filtering ? ['vlan_filtering', 1] : [])]]);
        done.add(d);
      } else if (d.kind === 'tun') {
        if (i.type !== 'tap') { d.skipped = true; warn(o, `tun devices (layer 3) are not modelled; ${d.name} is left out`); continue; }
        creates.push([o, [...exec(d.ns), 'ip', 'tuntap', 'add', 'dev', d.name, 'mode', 'tap']]);
        done.add(d);
      } else if (d.kind === 'dummy') {
        creates.push([o, [...ipn(d.ns), 'link', 'add', d.name, 'type', 'dummy']]);
        done.add(d);
      } else if (d.kind === 'vxlan') {
        const lower = typeof i.link === 'string' ? i.link : lowerOf(d)?.name;
        const w: (string | number)[] = [...ipn(d.ns), 'link', 'add', d.name, 'type', 'vxlan', 'id', Number(i.id)];
        if (i.port !== undefined) w.push('dstport', Number(i.port));
        if (typeof i.local === 'string') w.push('local', i.local);
        if (typeof i.remote === 'string') w.push('remote', i.remote);
        if (typeof i.group === 'string') w.push('group', i.group);
        if (lower) w.push('dev', lower);
        if (typeof i.ttl === 'number' && i.ttl > 0) w.push('ttl', i.ttl);
        if (i.learning === false) w.push('nolearning');
        creates.push([o, w]);
        done.add(d);
      } else {
        const lower = lowerOf(d);
        if (!lower || lower.skipped) {
          if (pass < 3 && lower && !created(lower)) continue;
          d.skipped = true;
          warn({ ...o, field: 'link' }, lower ? `its lower device ${lower.name} is left out, so ${d.name} is too` : `its lower device (ifindex ${d.link.link_index ?? '?'}) is not in the snapshot; left out`, 'unresolved');
          continue;
        }
        if (!created(lower)) continue;
        const w: (string | number)[] = [...ipn(lower.ns), 'link', 'add', 'link', lower.name, 'name', d.name];
        if (d.ns !== lower.ns) {
          if (d.ns === root) { d.skipped = true; warn(o, `${d.kind} in the root namespace over a device in ${lower.ns.label}: cannot be rebuilt; left out`, 'unresolved'); continue; }
          w.push('netns', d.ns.name);
        }
        w.push('type', d.kind);
        if (d.kind === 'vlan') {
          w.push('id', Number(i.id));
          if (i.protocol === '802.1ad') w.push('protocol', '802.1ad');
        } else if (typeof i.mode === 'string') w.push('mode', i.mode);
        creates.push([o, w]);
        done.add(d);
      }
    }
  }

  lines.push(...phys);
  for (const ns of spaces) if (ns.name) emit({ ns: ns.label, field: 'name' }, ['ip', 'netns', 'add', ns.name]);

  // sysctls the namespace sets before devices exist (new devices take conf.default's values)
  const sysctlDefault = (key: string) => SYSCTL_DEFAULTS[`net.ipv4.conf.all.${key}`] ?? 0;
  for (const ns of spaces) {
    const s = ns.snap.sysctl;
    const o = { ns: ns.label, field: 'sysctl' };
    const fwd = s['net.ipv4.ip_forward'];
    if (fwd !== undefined && Number(fwd) !== 0) emit({ ...o, dev: 'net.ipv4.ip_forward' }, [...exec(ns), 'sysctl', '-qw', `net.ipv4.ip_forward=${fwd}`]);
    for (const scope of ['all', 'default']) {
      for (const key of INTERFACE_SYSCTL_KEYS) {
        const name = `net.ipv4.conf.${scope}.${key}`;
        const v = s[name];
        if (v === undefined || (key === 'forwarding' && fwd !== undefined && v === fwd)) continue;
        if (Number(v) !== (SYSCTL_DEFAULTS[name] ?? sysctlDefault(key))) emit({ ...o, dev: name }, [...exec(ns), 'sysctl', '-qw', `${name}=${v}`]);
      }
    }
    const nf = s['net.bridge.bridge-nf-call-iptables'];
    if (nf !== undefined && Number(nf) !== SYSCTL_DEFAULTS['net.bridge.bridge-nf-call-iptables']) emit({ ...o, dev: 'net.bridge.bridge-nf-call-iptables' }, [...exec(ns), 'sysctl', '-qw', `net.bridge.bridge-nf-call-iptables=${nf}`]);
  }
  for (const [o, w] of creates) emit(o, w);

  const live = (d: Dev | undefined): d is Dev => !!d && !d.skipped;
  for (const d of all) {
    if (!live(d) || d.kind === 'loopback') continue;
    const o = (field: string) => ({ ns: d.ns.label, dev: d.name, field });
    const l = d.link;
    if (d.kind !== 'nic' && l.address && d.kind !== 'ipvlan') emit(o('address'), [...ipn(d.ns), 'link', 'set', 'dev', d.name, 'address', l.address]);
    if (l.mtu !== undefined && l.mtu !== 1500) emit(o('mtu'), [...ipn(d.ns), 'link', 'set', 'dev', d.name, 'mtu', l.mtu]);
    if (l.master) {
      const m = d.ns.byName.get(l.master);
      if (!live(m)) warn(o('master'), `its master ${l.master} is left out`, 'unresolved');
      else if (m.kind !== 'bridge') warn(o('master'), `enslaved to ${m.kind} ${l.master}, which is not modelled`);
      else emit(o('master'), [...ipn(d.ns), 'link', 'set', 'dev', d.name, 'master', l.master]);
    }
    const slave = (l.linkinfo?.info_slave_data ?? {}) as Record<string, unknown>;
    if (slave.hairpin === true) emit(o('hairpin'), [...exec(d.ns), 'bridge', 'link', 'set', 'dev', d.name, 'hairpin', 'on']);
    if (l.qdisc && !DEFAULT_QDISCS.has(l.qdisc)) warn(o('qdisc'), `tc qdisc ${l.qdisc} is not modelled`);
  }
  for (const d of all) {
    if (!live(d)) continue;
    // a machine's own loopback is up unless someone took it down
    if (d.kind === 'loopback' && d.ns === root && !d.link.flags.includes('UP')) emit({ ns: d.ns.label, dev: d.name, field: 'flags' }, ['ip', 'link', 'set', 'dev', d.name, 'down']);
    else if (d.link.flags.includes('UP') && d.kind !== 'nic' && !(d.kind === 'loopback' && d.ns === root)) emit({ ns: d.ns.label, dev: d.name, field: 'flags' }, [...ipn(d.ns), 'link', 'set', 'dev', d.name, 'up']);
  }

  for (const ns of spaces) {
    // device sysctls that differ from what the device took from conf.default
    const s = ns.snap.sysctl;
    for (const d of ns.byIndex.values()) {
      if (!live(d)) continue;
      for (const key of INTERFACE_SYSCTL_KEYS) {
        const v = s[`net.ipv4.conf.${d.name}.${key}`];
        if (v === undefined) continue;
        // written whenever it or conf.default differs from the kernel's default, so the value
        // does not depend on whether the device was made before or after conf.default changed
        const kernel = String(sysctlDefault(key));
        const inherited = s[`net.ipv4.conf.default.${key}`] ?? kernel;
        if (v !== kernel || inherited !== kernel) emit({ ns: ns.label, dev: d.name, field: `sysctl ${key}` }, [...exec(ns), 'sysctl', '-qw', `net.ipv4.conf.${d.name}.${key}=${v}`]);
      }
    }
    for (const a of ns.snap.addr) {
      const d = ns.byName.get(a.ifname);
      for (const ai of a.addr_info) {
        const o = { ns: ns.label, dev: a.ifname, field: `addr ${ai.local}/${ai.prefixlen}` };
        if (ai.family === 'inet6') {
          if (!/^fe80:/i.test(ai.local) && ai.local !== '::1') warn(o, 'IPv6 addresses are not modelled', 'ipv6');
          continue;
        }
        if (ai.family !== 'inet') continue;
        if (d?.kind === 'loopback' && ai.local === '127.0.0.1' && ai.prefixlen === 8) continue;
        if (!live(d)) { warn(o, `${a.ifname} is left out, so its address is too`, 'unresolved'); continue; }
        const w: (string | number)[] = [...ipn(ns), 'addr', 'add', `${ai.local}/${ai.prefixlen}`];
        if (ai.broadcast) w.push('broadcast', ai.broadcast);
        if (ai.scope && ai.scope !== 'global') w.push('scope', ai.scope);
        if (ai.label && ai.label !== a.ifname) w.push('label', ai.label);
        w.push('dev', a.ifname);
        emit(o, w);
      }
    }
  }
  for (const ns of spaces) {
    // routes through a gateway after the routes that make the gateway reachable
    for (const r of [...ns.snap.route.filter((x) => !x.gateway), ...ns.snap.route.filter((x) => x.gateway)]) {
      const o = { ns: ns.label, dev: r.dev, field: `route ${r.dst}${r.table ? ` table ${r.table}` : ''}` };
      if (r.table === 'local' || r.protocol === 'kernel') continue;
      if (r.dst.includes(':')) continue;
      if (r.nexthops) { warn(o, 'multipath routes are not modelled'); continue; }
      if (r.dev && !live(ns.byName.get(r.dev))) { warn(o, `${r.dev} is left out, so the route is too`, 'unresolved'); continue; }
      const w: (string | number)[] = [...ipn(ns), 'route', 'add'];
      const type = r.type ?? 'unicast';
      if (type !== 'unicast') w.push(type);
      w.push(r.dst);
      if (r.gateway) w.push('via', r.gateway);
      if (r.dev && type === 'unicast') w.push('dev', r.dev);
      if (r.table && r.table !== 'main') w.push('table', r.table);
      if (r.protocol && r.protocol !== 'boot') w.push('proto', r.protocol);
      const inferred = r.gateway || type !== 'unicast' ? 'global' : 'link';
      if (r.scope && r.scope !== inferred && type === 'unicast') w.push('scope', r.scope);
      if (r.prefsrc) w.push('src', r.prefsrc);
      if (r.metric !== undefined) w.push('metric', r.metric);
      emit(o, w);
    }
    for (const n of ns.snap.neigh) {
      if (!n.state.includes('PERMANENT') || !n.lladdr || n.dst.includes(':')) continue;
      const o = { ns: ns.label, dev: n.dev, field: `neigh ${n.dst}` };
      if (!live(ns.byName.get(n.dev))) { warn(o, `${n.dev} is left out, so the neighbour is too`, 'unresolved'); continue; }
      emit(o, [...ipn(ns), 'neigh', 'add', n.dst, 'lladdr', n.lladdr, 'dev', n.dev, 'nud', 'permanent']);
    }
    for (const f of ns.snap.fdb) {
      const o = { ns: ns.label, dev: f.ifname, field: `fdb ${f.mac}` };
      const d = ns.byName.get(f.ifname);
      if (f.dst !== undefined) {
        // a remote the VXLAN learnt from traffic is not part of the design; one written by
        // `bridge fdb append` is permanent
        if (f.state !== 'permanent' && f.state !== 'static') continue;
        if (live(d)) emit(o, [...exec(ns), 'bridge', 'fdb', 'append', f.mac, 'dev', f.ifname, 'dst', f.dst]);
        continue;
      }
      if (f.state !== 'static' || !f.master) continue;
      if (!live(d)) { warn(o, `${f.ifname} is left out, so its FDB entry is too`, 'unresolved'); continue; }
      emit(o, [...exec(ns), 'bridge', 'fdb', 'add', f.mac, 'dev', f.ifname, 'master', 'static', ...(f.vlan !== undefined ? ['vlan', f.vlan] : [])]);
    }
    for (const v of ns.snap.vlan) {
      const d = ns.byName.get(v.ifname);
      if (!live(d)) continue;
      const isDefault = v.vlans.length === 1 && v.vlans[0].vlan === 1 && v.vlans[0].vlanEnd === undefined && v.vlans[0].flags.includes('PVID') && v.vlans[0].flags.includes('Egress Untagged');
      if (isDefault) continue;
      const self = d.kind === 'bridge' ? ['self'] : [];
      const o = { ns: ns.label, dev: v.ifname, field: 'vlan' };
      emit(o, [...exec(ns), 'bridge', 'vlan', 'del', 'dev', v.ifname, 'vid', 1, ...self]);
      for (const e of v.vlans) {
        emit(o, [...exec(ns), 'bridge', 'vlan', 'add', 'dev', v.ifname, 'vid', e.vlanEnd !== undefined ? `${e.vlan}-${e.vlanEnd}` : e.vlan,
          ...(e.flags.includes('PVID') ? ['pvid'] : []), ...(e.flags.includes('Egress Untagged') ? ['untagged'] : []), ...self]);
      }
    }
    iptablesLines(ns, emit, warn, exec(ns));
  }
  return { script: `${lines.join('\n')}\n`, origins, diagnostics };
}

/** `iptables-save` output → `iptables` commands (policies, user chains, rules). */
function iptablesLines(ns: NsInfo, emit: (o: Origin, w: (string | number)[]) => void, warn: (o: Origin, m: string, code?: string) => void, pre: string[]): void {
  let table = 'filter';
  ns.snap.iptables.split('\n').forEach((raw, idx) => {
    const line = raw.trim();
    const o = { ns: ns.label, field: `iptables-save line ${idx + 1}` };
    if (!line || line.startsWith('#') || line === 'COMMIT') return;
    if (line.startsWith('*')) { table = line.slice(1); return; }
    const chain = /^:(\S+) (\S+)/.exec(line);
    if (chain) {
      if (BUILTIN_CHAINS.has(chain[1])) {
        if (chain[2] !== 'ACCEPT' && chain[2] !== '-') emit(o, [...pre, 'iptables', '-t', table, '-P', chain[1], chain[2]]);
      } else emit(o, [...pre, 'iptables', '-t', table, '-N', chain[1]]);
      return;
    }
    const words = splitSaveLine(line);
    if (!words) { warn(o, 'an iptables-save line that could not be read', 'snapshot'); return; }
    emit(o, [...pre, 'iptables', '-t', table, ...words]);
  });
}

/** Splits an iptables-save rule line into words (double quotes with backslash escapes). */
export function splitSaveLine(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let w = '';
    while (i < line.length && line[i] !== ' ') {
      if (line[i] === '"') {
        i++;
        while (i < line.length && line[i] !== '"') {
          if (line[i] === '\\' && i + 1 < line.length) i++;
          w += line[i++];
        }
        if (line[i] !== '"') return undefined;
        i++;
      } else w += line[i++];
    }
    out.push(w);
  }
  return out;
}
