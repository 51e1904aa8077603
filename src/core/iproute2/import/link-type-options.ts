/** Kind-specific options shared by `ip link add/set`, `bridge link set` and `brctl`. */
import type { BridgeDevice, BridgePortSettings, Device, Host } from '../../model/types';
import { onOff, parseUint } from './args';
import { defaultPortVlans, hasCarrier } from './kernel';
import type { ImportState } from './state';

/**
 * Bridge options. `ageing_time` and `forward_delay` are given to `ip link` in centiseconds
 * (the kernel's clock_t, as `ip -d link show` prints them); the design keeps seconds.
 */
export function applyBridgeOptions(st: ImportState, br: Device, args: string[]): boolean {
  if (br.kind !== 'bridge') return st.fail('RTNETLINK answers: Operation not supported');
  const b = br as BridgeDevice;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = args[++i];
    const n = parseUint(v);
    const need = () => st.fail(`Error: argument "${v}" is wrong: invalid ${w}`);
    switch (w) {
      case 'stp_state': if (n === undefined) return need(); b.stp = n !== 0; break;
      case 'ageing_time': if (n === undefined) return need(); b.ageingTime = n / 100; break;
      case 'forward_delay': if (n === undefined) return need(); b.forwardDelay = n / 100; break;
      case 'vlan_filtering':
        if (n === undefined) return need();
        b.vlanFiltering = n !== 0;
        // Ports enslaved while filtering was off already carry the default PVID in the kernel.
        if (b.vlanFiltering) {
          for (const p of st.design.hosts.flatMap((h) => h.devices)) {
            if (p.master === b.id && !p.port?.vlans) { p.port = { ...(p.port ?? {}), vlans: defaultPortVlans(b) }; st.touch(p.id); }
          }
        }
        break;
      case 'vlan_default_pvid':
        if (n === undefined || n > 4094) return need();
        b.vlanDefaultPvid = n;
        break;
      default:
        st.warn(`bridge option "${w}" is not modelled; ignored`);
    }
  }
  st.touch(b.id);
  return true;
}

const PORT_FLAGS: Record<string, keyof BridgePortSettings> = {
  hairpin: 'hairpin', learning: 'learning', flood: 'flood', isolated: 'isolated',
};

/** Port flags (`hairpin on`, `learning off` …) of a device enslaved to a bridge. */
export function applyPortOptions(st: ImportState, host: Host, dev: Device, args: string[]): boolean {
  if (!dev.master) return st.fail('RTNETLINK answers: Operation not supported (not a bridge port)');
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const key = PORT_FLAGS[w];
    if (key) {
      const v = onOff(args[++i]);
      if (v === undefined) return st.fail(`Error: argument of "${w}" must be "on" or "off"`);
      dev.port = { ...(dev.port ?? {}), [key]: v };
    } else if (w === 'state') {
      const refusal = portStateRefusal(host, dev, args[++i]);
      if (refusal) return st.fail(refusal);
      // accepted: a runtime state that lasts until the port is next enabled or disabled
      st.warn('bridge port "state" is runtime state (it lasts until the port or bridge changes state); not kept in the design');
    } else if (['cost', 'priority', 'guard', 'root_block', 'fastleave', 'mcast_flood', 'bcast_flood', 'neigh_suppress', 'vlan_tunnel', 'mcast_router', 'proxy_arp', 'proxy_arp_wifi', 'mcast_to_unicast', 'locked', 'mab', 'backup_port'].includes(w)) {
      i++;
      st.warn(`bridge port option "${w}" is not modelled; ignored`);
    } else if (w === 'self' || w === 'master') {
      // `bridge link set … self`: hardware offload target; the software bridge is what counts.
    } else {
      st.warn(`bridge port option "${w}" is not modelled; ignored`);
    }
  }
  st.touch(dev.id);
  return true;
}

const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'];

/**
 * Why the kernel refuses `bridge link set dev X state S` (br_netlink.c br_set_port_state),
 * or undefined when it accepts it.
 */
function portStateRefusal(host: Host, dev: Device, value: string | undefined): string | undefined {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : PORT_STATES.indexOf(value ?? '');
  if (n < 0) return `Error: argument "${value}" is wrong: invalid state`;
  if (n > 4) return 'RTNETLINK answers: Invalid argument';
  const br = host.devices.find((d) => d.id === dev.master);
  if (br?.kind === 'bridge' && br.stp) return 'RTNETLINK answers: Device or resource busy';
  // a port that is not running, or has no carrier, may only be set to disabled
  if (!dev.up || (n !== 0 && !hasCarrier(host, dev))) return 'RTNETLINK answers: Network is down';
  return undefined;
}
