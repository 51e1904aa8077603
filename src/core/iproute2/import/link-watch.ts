/**
 * What the kernel's interface history leaves behind, followed command by command as the
 * script runs: each device's ifindex and the operstate link_watch gave it at its last carrier
 * event.
 *
 * - Indexes are per namespace (net/core/dev.c dev_index_reserve): a namespace hands out the
 *   next free number after the last one it gave (lo is 1); a veth's peer is registered before
 *   the device itself (veth_newlink). A device moved to another namespace keeps its number
 *   there unless it is taken (dev_change_net_namespace).
 * - link_watch computes a device's operstate when it is registered and when its carrier
 *   changes (net/core/link_watch.c default_operstate): without carrier, its iflink (the veth
 *   peer's or lower device's ifindex) is looked up in the namespace the device is in *then*;
 *   no device there, or one with carrier, gives DOWN, one without carrier LOWERLAYERDOWN.
 *   Nothing recomputes it when a device or its peer only moves, so the value can be one
 *   of an earlier namespace, or name a device that has nothing to do with the peer. The
 *   design keeps that verdict (`Device.linkWatchOper`), as the design alone cannot tell it.
 */
import type { Device, Host, Id } from '../../model/types';

interface Seen {
  ns: Id;
  carrier: boolean;
  ifindex?: number;
}

/** The per-machine bookkeeping, kept between commands. */
export class LinkWatch {
  private readonly seen = new Map<Id, Seen>();
  /** Next number each namespace hands out (the cyclic allocation's hint). */
  private readonly next = new Map<Id, number>();
  /** The world's devices (loopbacks, NICs): numbered by the simulator in their order. */
  private readonly world = new Set<Id>();
  /** Devices whose verdict waits for the next link_watch run. */
  private readonly pending = new Set<Device>();

  constructor(private readonly host: Host) {
    this.ids = new Map(host.devices.map((d) => [d.id, d]));
    for (const d of host.devices) {
      this.seen.set(d.id, { ns: d.ns, carrier: this.carrierOf(d) });
      this.world.add(d.id);
    }
  }

  /** The machine's devices by id, rebuilt once per command (scripts may build hundreds). */
  private ids = new Map<Id, Device>();

  private byId(id: Id | undefined): Device | undefined {
    return id ? this.ids.get(id) : undefined;
  }

  /** The device numbered `n` in namespace `ns` (the simulator numbers the world's devices in order). */
  private at(ns: Id, n: number, except?: Device): Device | undefined {
    let implicit = 2;
    for (const d of this.host.devices) {
      if (d.ns !== ns || d === except) continue;
      const idx = d.kind === 'loopback' ? 1 : d.ifindex ?? (this.world.has(d.id) ? implicit++ : undefined);
      if (idx === n) return d;
    }
    return undefined;
  }

  private indexOf(dev: Device): number | undefined {
    if (dev.kind === 'loopback') return 1;
    if (dev.ifindex !== undefined) return dev.ifindex;
    let implicit = 2;
    for (const d of this.host.devices) {
      if (d.ns !== dev.ns || d.kind === 'loopback' || d.ifindex !== undefined || !this.world.has(d.id)) continue;
      if (d === dev) return implicit;
      implicit++;
    }
    return undefined;
  }

  private allocate(ns: Id, dev: Device): number {
    let n = this.next.get(ns) ?? 2;
    while (this.at(ns, n, dev)) n++;
    this.next.set(ns, n + 1);
    return n;
  }

  /** The link device (`dev_get_iflink`): a veth's peer, a stacked device's lower. */
  private linkOf(d: Device): Device | undefined {
    if (d.kind === 'veth') return this.byId(d.peer);
    if (d.kind === 'macvlan' || d.kind === 'macvtap' || d.kind === 'ipvlan' || d.kind === 'vlan') return this.byId(d.parent);
    return undefined;
  }

  private carrierOf(d: Device, depth = 0): boolean {
    if (depth > 8) return true;
    switch (d.kind) {
      case 'veth': {
        const p = this.byId(d.peer);
        return d.up && !!p && p.up;
      }
      case 'macvlan':
      case 'macvtap':
      case 'ipvlan':
      case 'vlan': {
        // netif_stacked_transfer_operstate: the lower device's carrier
        const lower = this.byId(d.parent);
        return !!lower && this.carrierOf(lower, depth + 1);
      }
      case 'physical':
        return d.up;
      case 'tap':
      case 'tun':
        return !!d.attached;
      default:
        return true;
    }
  }

  /** default_operstate of `d` as it stands now, for a device without carrier. */
  private verdict(d: Device): 'DOWN' | 'LOWERLAYERDOWN' {
    const link = this.linkOf(d);
    const iflink = link ? this.indexOf(link) ?? 0 : 0;
    if (iflink === this.indexOf(d)) return 'DOWN';
    const there = this.at(d.ns, iflink);
    return !there || this.carrierOf(there) ? 'DOWN' : 'LOWERLAYERDOWN';
  }

  /** A carrier event of `d` (registration or a carrier change), evaluated now. */
  private event(d: Device, carrier: boolean): void {
    if (carrier || !this.linkOf(d)) delete d.linkWatchOper;
    else d.linkWatchOper = this.verdict(d);
  }

  /**
   * Called after every command: numbers new devices, follows moves and carrier changes.
   *
   * When each verdict is taken, as measured on Linux 6.18: a veth's peer, and a device
   * stacked on a lower one, at once when made (in the namespace it is made in); a carrier
   * change at once; but the `ip link add DEV type veth` device itself only at the next
   * command that makes, moves, deletes or brings up or down a device (a later link_watch run),
   * so a peer moved away by that command is no longer found. At the end of the script every
   * waiting verdict is taken.
   */
  update(final = false, timePassed = false): void {
    const devs = this.host.devices;
    // one pass without allocation: this runs after every command, and scripts that build
    // thousands of devices made a rebuilt map per command the importer's main cost
    const ids = this.ids;
    const fresh: Device[] = [];
    for (const d of devs) {
      if (ids.get(d.id) !== d) ids.set(d.id, d);
      if (this.seen.has(d.id)) continue;
      // a new namespace's lo is 1 (loopback_net_init registers it first)
      if (d.kind === 'loopback') this.seen.set(d.id, { ns: d.ns, carrier: true });
      else fresh.push(d);
    }
    if (ids.size !== devs.length) {
      // something was deleted: forget it
      const live = new Set(devs.map((d) => d.id));
      for (const id of [...ids.keys()]) if (!live.has(id)) ids.delete(id);
      for (const id of [...this.seen.keys()]) if (!live.has(id)) this.seen.delete(id);
    }
    // veth_newlink registers the peer first
    const order: Device[] = [];
    const deviceEnds: Device[] = [];
    for (const d of fresh) {
      if (order.includes(d)) continue;
      const peer = d.kind === 'veth' ? fresh.find((x) => x.id === d.peer) : undefined;
      if (peer && !order.includes(peer)) {
        order.push(peer);
        deviceEnds.push(d);
      }
      order.push(d);
    }
    for (const d of order) {
      d.ifindex = this.allocate(d.ns, d);
      this.seen.set(d.id, { ns: d.ns, carrier: this.carrierOf(d), ifindex: d.ifindex });
    }
    const now: Device[] = order.filter((d) => !deviceEnds.includes(d));
    for (const d of devs) {
      const s = this.seen.get(d.id)!;
      if (s.ns !== d.ns) {
        if (this.pending.has(d)) {
          // moving a device takes its waiting verdict first, where it was
          const [ns, idx] = [d.ns, d.ifindex];
          d.ns = s.ns;
          d.ifindex = s.ifindex;
          this.event(d, this.carrierOf(d));
          [d.ns, d.ifindex] = [ns, idx];
          this.pending.delete(d);
        }
        if (d.ifindex === undefined || this.at(d.ns, d.ifindex, d)) d.ifindex = this.allocate(d.ns, d);
        s.ns = d.ns;
        s.ifindex = d.ifindex;
      }
      const c = this.carrierOf(d);
      if (c !== s.carrier) {
        s.carrier = c;
        this.pending.delete(d);
        if (!now.includes(d)) now.push(d);
      }
    }
    // link_watch runs once the command is done: every device is where the command left it
    if (timePassed || final) {
      for (const d of this.pending) if (ids.has(d.id)) this.event(d, this.carrierOf(d));
      this.pending.clear();
    }
    for (const d of now) this.event(d, this.carrierOf(d));
    for (const d of deviceEnds) {
      if (final) this.event(d, this.carrierOf(d));
      else this.pending.add(d);
    }
  }

  /** At the end of the script: the verdicts still waiting are taken. */
  finish(): void {
    this.update(true);
  }
}
