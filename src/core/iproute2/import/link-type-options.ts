/** Kind-specific options shared by `ip link add/set`, `bridge link set` and `brctl`. */
import type { BridgeDevice, BridgePortSettings, Device } from '../../model/types';
import { onOff, parseUint } from './args';
import { defaultPortVlans } from './kernel';
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
export function applyPortOptions(st: ImportState, dev: Device, args: string[]): boolean {
  if (!dev.master) return st.fail('RTNETLINK answers: Operation not supported (not a bridge port)');
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const key = PORT_FLAGS[w];
    if (key) {
      const v = onOff(args[++i]);
      if (v === undefined) return st.fail(`Error: argument of "${w}" must be "on" or "off"`);
      dev.port = { ...(dev.port ?? {}), [key]: v };
    } else if (['cost', 'priority', 'state', 'guard', 'root_block', 'fastleave', 'mcast_flood', 'bcast_flood', 'neigh_suppress', 'vlan_tunnel', 'mcast_router', 'proxy_arp', 'proxy_arp_wifi', 'mcast_to_unicast', 'locked', 'mab', 'backup_port'].includes(w)) {
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
