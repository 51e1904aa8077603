/**
 * The teardown script: undoes the setup in reverse order and never stops on a failure
 * (every line ends in `|| true`), so it can be run after a partial setup or twice. It deletes
 * the namespaces and the virtual devices it created; physical NICs are left alone except for
 * what the setup added to them (routes, neighbours, bridge membership, moves).
 */
import { SYSCTL_DEFAULTS, type Device } from '../../model/types';
import type { MachinePlan } from './machine-plan';
import type { ScriptWriter } from './script-writer';
import { firewallSpec, interfaceSysctl, resolvedRoute, routeSpec, type Coverage } from './setup-phases';
import { sh, shq } from './shell-quote';

const T = ' || true';

/** Writes the teardown of the planned (designed) machine. */
export function emitTeardown(w: ScriptWriter, p: MachinePlan, cover: Coverage): void {
  const root = p.host.namespaces.find((n) => n.root);
  const rootDevs = p.order.filter((d) => d.ns === root?.id);

  // namespaces take their rules, routes, sysctls and virtual devices with them; only the
  // root namespace needs undoing line by line
  if (root) {
    w.section('Firewall (root namespace)');
    for (const r of [...root.firewall].reverse()) w.cmd(`iptables ${firewallSpec(r, '-D')}${T}`, root.id);
    for (const tc of Object.keys(root.policies ?? {})) {
      const [table, chain] = tc.split('/');
      w.cmd(`${sh`iptables -t ${table} -P ${chain}`} ACCEPT${T}`, root.id);
    }

    w.section('Sysctls back to the kernel defaults (root namespace)');
    for (const k of Object.keys(root.sysctls).reverse()) {
      if (k in SYSCTL_DEFAULTS) w.cmd(`sysctl -q -w ${shq(`${k}=${SYSCTL_DEFAULTS[k]}`)}${T}`, root.id);
    }
    for (const d of rootDevs.filter((x) => x.kind === 'physical')) {
      for (const k of Object.keys(d.sysctls ?? {})) {
        const dflt = SYSCTL_DEFAULTS[`net.ipv4.conf.all.${k}`];
        if (dflt !== undefined) w.cmd(`${interfaceSysctl(p.access.get(root.id)!, d.name, k, dflt)}${T}`, d.id);
      }
    }

    w.section('Neighbours and routes (root namespace)');
    for (const n of [...root.neighbours].reverse()) {
      const dev = p.byId.get(n.dev);
      if (dev) w.cmd(`${sh`ip neigh del ${n.ip} dev ${dev.name}`}${T}`, root.id, dev.id);
    }
    for (let i = root.routes.length - 1; i >= 0; i--) w.cmd(`ip route del ${routeSpec(p, resolvedRoute(p.host, root, i))}${T}`, root.id);

    w.section('Physical NICs: what the setup added');
    for (const d of rootDevs.filter((x) => x.kind === 'physical')) {
      if (d.master) w.cmd(`${sh`ip link set dev ${d.name}`} nomaster${T}`, d.id);
      for (const a of [...d.addresses].reverse()) {
        if (!cover.address(d, a)) w.cmd(`${sh`ip addr del ${a.cidr} dev ${d.name}`}${T}`, d.id);
      }
    }
  }

  w.section('Virtual devices of the root namespace (stacked devices first)');
  const created = new Set(p.creates.map((d) => d.id));
  const mine = (d: Device) => !p.existing.has(d.id) && (created.has(d.id) || d.kind === 'veth');
  // a device goes with its veth peer and with its lower device: deleting it again would fail
  const gone = new Set<string>();
  const dies = (d: Device): boolean => gone.has(d.id)
    || (d.kind === 'veth' && gone.has(d.peer))
    || ('parent' in d && (gone.has(d.parent) || (p.byId.has(d.parent) && dies(p.byId.get(d.parent)!))));
  for (const d of [...rootDevs].reverse()) {
    if (!mine(d) || dies(d)) continue;
    gone.add(d.id);
    if (d.kind === 'tap' || d.kind === 'tun') w.cmd(`${sh`ip tuntap del dev ${d.name} mode`} ${d.kind === 'tap' ? 'tap' : 'tun'}${T}`, d.id);
    else w.cmd(`${sh`ip link del dev ${d.name}`}${T}`, d.id);
  }

  w.section('Namespaces (deleting one destroys its virtual devices and returns physical NICs to the root namespace)');
  for (const ns of [...p.host.namespaces].reverse()) if (!ns.root) w.cmd(`${sh`ip netns del ${ns.name}`}${T}`, ns.id);
}
