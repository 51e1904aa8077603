/**
 * Carrier and bridge port states (rule 0.4, 3.3 of kernel-behaviour.md): veth needs both
 * ends up; stacked devices copy their lower's carrier; a tap/tun without a reader has none;
 * a bridge has carrier only while one of its ports forwards. Port states follow the
 * bridge, the port's admin state and carrier, and STP timers.
 */
import { slaveLinkUp } from './devices/bond';
import type { MacvlanDevice, TunTapDevice } from '../model/types';
import type { Sim, SimDev } from './model';
import { vethCarrier } from './devices/veth';
import { portStateNow } from './devices/bridge';
import { stpBlocked, stpPortEnabled } from './devices/stp';
import { neighFlushDev } from './stack/neigh';
import { kernelAtLeast, NEWEST_KERNEL } from './kernel-version';

function carrierOf(dev: SimDev): boolean {
  switch (dev.kind) {
    case 'loopback':
    case 'dummy':
    case 'vxlan': // vxlan never manages its carrier (vxlan_core.c: no netif_carrier_off)
    case 'ipip': case 'gre': case 'gretap': // nor do IP tunnels (ip_tunnel.c)
      return true;
    case 'physical':
      return dev.up && !!dev.lan;
    case 'veth':
      return vethCarrier(dev);
    case 'tap':
    case 'tun':
      return !!(dev.cfg as TunTapDevice).attached;
    case 'bridge':
      // Carrier is only recomputed by port-state selection, which runs when a port is
      // enabled or disabled (br_stp.c br_port_state_selection); br_dev_open no longer turns
      // it off. So a bridge that has never had a port keeps the carrier it was created with.
      // Turning STP on runs that selection too (br_stp_start), so an empty STP bridge has none.
      if (dev.bridge!.ports.length === 0) return dev.up && !dev.bridge!.stp;
      return dev.up && dev.bridge!.ports.some((p) => p.brPort!.state === 'forwarding');
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
    case 'vlan':
      // The lower's carrier is copied at creation and on each of the lower's carrier events
      // (netif_stacked_transfer_operstate from macvlan/ipvlan/vlan_device_event), whatever
      // the lower's admin state: a lower that is down has no carrier because closing it
      // turned it off (veth_close, vlan_dev_stop), not because it is down. A VLAN that was
      // never set up keeps the carrier it got from its parent at creation (register_vlan_dev),
      // so a macvlan over it has carrier. The design does not say whether a down VLAN was
      // ever up; it is read as never opened.
      return !!dev.lower && dev.lower.carrier;
    case 'bond':
      return dev.up && dev.bond!.slaves.some((s) => slaveLinkUp(dev, s));
    case 'vrf':
      return dev.up;
  }
}

/** When each port was enabled (for STP timers), by device id. */
const enabledAt = new WeakMap<SimDev, number>();

/** Recomputes carriers and port states until stable; flushes neighbours of devices that lost carrier. */
export function refreshLinks(sim: Sim): void {
  // routes depend on admin state and carrier (linkdown): recompute them on next use
  for (const ns of sim.namespaces) {
    ns.fibCache = undefined;
    ns.bcastCache = undefined;
    ns.localCache = undefined;
  }
  for (let round = 0; round < 16; round++) {
    let changed = false;
    for (const d of sim.devs) {
      const c = carrierOf(d);
      if (c !== d.carrier) {
        d.carrier = c;
        changed = true;
        if (!c) neighFlushDev(sim, d);
      }
      const p = d.brPort;
      if (p) {
        const enabled = p.bridge.up && d.up && d.carrier;
        if (enabled && !enabledAt.has(d)) {
          enabledAt.set(d, sim.engine.now);
          if (p.bridge.bridge!.stp) stpPortEnabled(sim, d);
        }
        if (!enabled) enabledAt.delete(d);
        const s = portStateNow(sim, d, enabledAt.get(d) ?? sim.engine.now);
        if (s !== p.state) {
          p.state = s;
          changed = true;
          if (s === 'disabled') flushPort(d);
        }
      }
    }
    if (!changed) return;
  }
}

function flushPort(port: SimDev): void {
  const st = port.brPort!.bridge.bridge!;
  for (const [k, e] of st.fdb) if (e.port === port && !e.local && !e.static) st.fdb.delete(k);
}

/** Schedules the STP listening → learning → forwarding transitions of every STP bridge. */
export function scheduleStp(sim: Sim): void {
  for (const br of sim.devs) {
    if (br.kind !== 'bridge' || !br.bridge!.stp) continue;
    const fd = br.bridge!.forwardDelayNs;
    sim.engine.after(fd, () => refreshLinks(sim));
    sim.engine.after(2 * fd, () => refreshLinks(sim));
  }
}

/**
 * The device whose link a device reports (`dev_get_iflink`): a veth's peer, a stacked
 * device's lower; the device itself otherwise. Returned as the ifindex the kernel holds,
 * which is a number of the *other* device's namespace (per-namespace ifindex numbering).
 */
function iflinkOf(dev: SimDev): number {
  switch (dev.kind) {
    case 'veth':
      // veth_get_iflink: the peer's ifindex, 0 while the pair is not joined
      return dev.peer?.ifindex ?? 0;
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
    case 'vlan':
      return dev.lower?.ifindex ?? 0;
    default:
      return dev.ifindex;
  }
}

/**
 * `ip link` operstate (net/core/link_watch.c default_operstate). A device without carrier
 * whose iflink is another device is LOWERLAYERDOWN on kernels before 6.2. From 6.2 the
 * kernel looks that ifindex up in the device's *own* namespace (`__dev_get_by_index(dev_net
 * (dev), iflink)`): nothing there, or a device there that has carrier, gives DOWN; only a
 * device there without carrier gives LOWERLAYERDOWN. As ifindexes are numbered per
 * namespace, a peer in another namespace is looked up by a number that means some other
 * device here (or none), as on the kernel. The kernel keeps the value computed at the
 * device's last carrier event (a move alone keeps it): an imported design records it
 * (`linkWatchOper`); otherwise the design as it stands is the history.
 */
export function operstate(dev: SimDev, sim?: Pick<Sim, 'kernel'>): string {
  const kernel = sim?.kernel ?? NEWEST_KERNEL;
  if (!dev.up) return 'DOWN';
  if (dev.kind === 'loopback' || dev.kind === 'dummy' || dev.kind === 'vxlan' || !!dev.ipTunnel) return 'UNKNOWN';
  // carrier never changed since creation (see carrierOf): the kernel reports UNKNOWN
  if (dev.kind === 'bridge' && dev.bridge!.ports.length === 0 && dev.carrier) return 'UNKNOWN';
  if (dev.kind === 'ipvlan' && dev.carrier) return 'UNKNOWN';
  if ((dev.kind === 'tap' || dev.kind === 'tun') && dev.carrier) return 'UNKNOWN';
  if (dev.carrier) return 'UP';
  // a designed NIC is a veth into the harness's LAN switch, whose numbering is not ours
  if (dev.kind === 'physical') return 'DOWN';
  const iflink = iflinkOf(dev);
  if (iflink === dev.ifindex) return 'DOWN';
  if (!kernelAtLeast(kernel, 6, 2)) return 'LOWERLAYERDOWN';
  // the verdict of the last carrier event, when the design's history is known
  if (dev.cfg.linkWatchOper) return dev.cfg.linkWatchOper;
  const here = dev.ns.devs.find((d) => d.ifindex === iflink);
  return !here || here.carrier ? 'DOWN' : 'LOWERLAYERDOWN';
}

/** Why a device has no carrier, following the same rules as `carrierOf`, and what fixes it. */
export interface CarrierCause { text: string; fix: string }

/**
 * The root cause of `dev`'s missing carrier: the chain is followed down (a macvlan's lower
 * device, a bridge's ports) to the device whose own state is at fault, so the advice names
 * that device and the real fix (a NIC without a cable is plugged in, not "brought up").
 */
export function carrierCause(dev: SimDev, depth = 0): CarrierCause {
  const deeper = (d: SimDev | undefined, via: string): CarrierCause | undefined => {
    if (!d || depth > 8) return undefined;
    if (!d.up) return { text: `${via} ${d.name} is down`, fix: `ip link set ${d.name} up${d.ns !== dev.ns ? ` (in ${d.ns.label})` : ''}` };
    if (!d.carrier) { const c = carrierCause(d, depth + 1); return { text: `${via} ${d.name} has no carrier: ${c.text}`, fix: c.fix }; }
    return undefined;
  };
  switch (dev.kind) {
    case 'physical':
      if (!dev.up) return { text: `${dev.name} is down`, fix: `ip link set ${dev.name} up` };
      return { text: `NIC ${dev.name} is on no LAN segment (no cable)`, fix: `Plug the NIC ${dev.name} into a LAN segment (drag its LAN plug to a segment)` };
    case 'veth':
      return deeper(dev.peer, 'its veth peer') ?? { text: 'its veth peer is missing', fix: 'Give the veth its peer' };
    case 'tap':
    case 'tun':
      return { text: `no program holds ${dev.name} open`, fix: `Attach the VM or program that reads ${dev.name} (mark it attached)` };
    case 'bridge': {
      const ports = dev.bridge!.ports;
      if (ports.length === 0) return { text: `bridge ${dev.name} has no port`, fix: `Add a port: ip link set DEV master ${dev.name}` };
      const waiting = ports.find((p) => p.up && p.carrier && p.brPort!.state !== 'forwarding' && p.brPort!.state !== 'disabled');
      if (waiting) return { text: `its port ${waiting.name} is ${waiting.brPort!.state} (STP)`, fix: 'Wait for the STP forward delay, or turn STP off on the bridge' };
      for (const p of ports) { const c = deeper(p, 'its port'); if (c) return c; }
      return { text: `no port of ${dev.name} forwards`, fix: `Bring up a port of ${dev.name}` };
    }
    case 'macvlan':
    case 'macvtap':
    case 'ipvlan':
    case 'vlan':
      return deeper(dev.lower, 'its lower device') ?? { text: 'it has no lower device', fix: 'Stack it on a device' };
    default:
      return { text: `${dev.name} has no link`, fix: `ip link set ${dev.name} up` };
  }
}

/** The macvlan mode string for links output. */
export function macvlanModeOf(dev: SimDev): string | undefined {
  return dev.kind === 'macvlan' || dev.kind === 'macvtap' ? (dev.cfg as MacvlanDevice).mode : undefined;
}

/**
 * br_port_state_selection after STP roles changed: blocked ports go BLOCKING at once; a port
 * that stops being blocked starts again at LISTENING (br_make_forwarding), with its timers.
 */
export function stpRolesChanged(sim: Sim, br: SimDev): void {
  const fd = br.bridge!.forwardDelayNs;
  for (const port of br.bridge!.ports) {
    if (port.brPort!.state === 'blocking' && !stpBlocked(port) && enabledAt.has(port)) {
      enabledAt.set(port, sim.engine.now);
      sim.engine.after(fd, () => refreshLinks(sim));
      sim.engine.after(2 * fd, () => refreshLinks(sim));
    }
  }
  refreshLinks(sim);
}
