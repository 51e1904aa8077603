/**
 * Applying `ip link set` attributes to an existing device, in the kernel's order
 * (`do_setlink`): netns, address, mtu, name, master, then flags (up/down, promisc),
 * then kind options.
 */
import { macProblem } from '../../model/names';
import type { Device, MacvlanMode } from '../../model/types';
import { MACVLAN_MODES } from '../../model/types';
import { parseUint } from './args';
import { bringDown, bringUp, childrenOf, defaultPortVlans, leaveBridge, moveDevice } from './kernel';
import { nameRefused, type LinkRequest } from './link-parse';
import { applyBridgeOptions, applyPortOptions } from './link-type-options';
import type { ImportState, Scope } from './state';
import { applyBondOptions, enslaveBondVrf } from './bond-vrf';

const RTNL = 'RTNETLINK answers: ';

/** Outer Ethernet, IPv4, UDP and VXLAN headers (VXLAN_HEADROOM). */
const VXLAN_OVERHEAD = 50;

/**
 * Applies the generic and kind attributes of `req` to `dev` (which lives in `scope`): `ip link
 * set`, and the generic attributes of `ip link add` (`creating`).
 */
export function applyLinkSettings(st: ImportState, scope: Scope, dev: Device, req: LinkRequest, creating = false): boolean {
  const host = scope.host;
  let here = scope;
  if (req.netns !== undefined) {
    const t = st.netnsTarget(req.netns);
    if (!t) return st.fail(`Error: argument "${req.netns}" is wrong: Invalid "netns" value`);
    if (t.ns.id !== dev.ns) {
      if (t.host !== host) {
        st.warn(`moving "${dev.name}" into machine "${t.host.name}" is not modelled; ignored`);
        return true;
      }
      // Bridges and loopback are netns-local (NETIF_F_NETNS_LOCAL).
      if (dev.kind === 'bridge' || dev.kind === 'loopback') return st.fail(`${RTNL}Invalid argument`);
      if (st.device(t, dev.name)) return st.fail(`${RTNL}File exists`, 'exists');
      moveDevice(st, host, dev, t.ns);
      here = t;
    }
  }
  if (req.address !== undefined) {
    const mac = req.address.toLowerCase();
    if (macProblem(mac)) return st.fail(`${RTNL}Cannot assign requested address`);
    dev.mac = mac;
    st.touch(dev.id);
  }
  if (req.mtu !== undefined) {
    const mtu = parseUint(req.mtu);
    if (mtu === undefined) return st.fail(`Error: argument "${req.mtu}" is wrong: Invalid "mtu" value`);
    if (mtu < 68) return st.fail(`${RTNL}Invalid argument`);
    if (dev.kind === 'vxlan') {
      // vxlan_dev_configure lowers a creation-time MTU to the lower device's less the 50
      // bytes of outer headers; vxlan_change_mtu refuses more later (-EINVAL); without a
      // lower device only the 65535 maximum bounds it (dev_validate_mtu), as measured on 6.18
      const lower = dev.underlay !== undefined ? scope.host.devices.find((d) => d.id === dev.underlay) : undefined;
      const max = lower ? (lower.mtu ?? 1500) - VXLAN_OVERHEAD : 65535;
      if (mtu > max && !creating) return st.fail(lower ? `${RTNL}Invalid argument` : 'Error: mtu greater than device maximum.');
      dev.mtu = Math.min(mtu, max);
    } else dev.mtu = mtu;
    st.touch(dev.id);
  }
  if (req.name !== undefined && req.name !== dev.name) {
    if (nameRefused(st, req.name)) return false;
    if (st.device(here, req.name)) return st.fail(`${RTNL}File exists`, 'exists');
    if (dev.up) return st.fail(`${RTNL}Device or resource busy`, 'busy');
    dev.name = req.name;
    st.touch(dev.id);
  }
  if (req.nomaster && dev.master) { leaveBridge(dev); st.touch(dev.id); }
  if (req.master !== undefined && !enslave(st, here, dev, req.master)) return false;
  if (req.up === true && !setUp(st, here, dev)) return false;
  if (req.up === false) bringDown(st, host, dev);
  if (req.promisc !== undefined) { dev.promisc = req.promisc; st.touch(dev.id); }
  if (req.alias !== undefined) { dev.alias = req.alias; st.touch(dev.id); }
  if (req.type !== undefined) return applyKindOptions(st, here, dev, req.type, req.typeArgs);
  return true;
}

/**
 * `ip link set DEV up`, refused for a vlan device whose parent is down (§4.3) and for a
 * macvlan whose MAC is its parent's or an up sibling's (`macvlan_open`, §1.1).
 */
export function setUp(st: ImportState, scope: Scope, dev: Device): boolean {
  if (dev.up) return true;
  if (dev.kind === 'vlan') {
    const parent = scope.host.devices.find((d) => d.id === dev.parent);
    if (parent && !parent.up) return st.fail(`${RTNL}Network is down`, 'parent-down');
  }
  if ((dev.kind === 'macvlan' || dev.kind === 'macvtap') && dev.mode !== 'passthru' && dev.mac) {
    const parent = scope.host.devices.find((d) => d.id === dev.parent);
    const clash = parent?.mac === dev.mac || childrenOf(scope.host, dev.parent).some((s) => s.id !== dev.id && s.up && s.mac === dev.mac);
    if (clash) return st.fail(`${RTNL}Address already in use`, 'mac-in-use');
  }
  bringUp(st, scope.host, dev);
  return true;
}

/** `master BR`: the checks of `br_add_if` (§3.2), then membership with default port flags. */
export function enslave(st: ImportState, scope: Scope, dev: Device, masterName: string): boolean {
  const br = st.device(scope, masterName);
  if (!br) return st.fail(`Cannot find device "${masterName}"`, 'no-such-device');
  if (dev.master === br.id) return true;
  if (br.kind === 'bond' || br.kind === 'vrf') return enslaveBondVrf(st, dev, br);
  if (br.kind !== 'bridge') return st.fail(`${RTNL}Operation not supported`);
  if (dev.kind === 'loopback' || dev.kind === 'tun') return st.fail(`${RTNL}Invalid argument`);
  if (dev.kind === 'bridge') return st.fail(`${RTNL}Too many levels of symbolic links`, 'bridge-in-bridge');
  // One rx_handler per device: a macvlan/ipvlan parent, an ipvlan child or a macvtap cannot be a port.
  const hasChildHandler = childrenOf(scope.host, dev.id).some((c) => c.kind !== 'vlan');
  if (hasChildHandler || dev.kind === 'ipvlan' || dev.kind === 'macvtap') return st.fail(`${RTNL}Device or resource busy`, 'busy');
  dev.master = br.id;
  delete dev.port;
  // The kernel gives every new port the default PVID; the design keeps VLANs only once
  // they matter (filtering on, or the script edits them).
  if (br.kind === 'bridge' && br.vlanFiltering) dev.port = { vlans: defaultPortVlans(br) };
  st.touch(dev.id, br.id);
  return true;
}

function applyKindOptions(st: ImportState, scope: Scope, dev: Device, type: string, args: string[]): boolean {
  if (type === 'bridge_slave' || type === 'bridge_port') return applyPortOptions(st, scope.host, dev, args);
  if (type !== dev.kind) return st.fail(`${RTNL}Operation not supported`);
  if (dev.kind === 'bridge') return applyBridgeOptions(st, dev, args);
  if (dev.kind === 'bond') return applyBondOptions(st, scope, dev, args);
  if (dev.kind === 'macvlan' || dev.kind === 'macvtap') {
    for (let i = 0; i < args.length; i++) {
      const w = args[i];
      if (w === 'mode') {
        const m = args[++i] as MacvlanMode;
        if (!MACVLAN_MODES.includes(m)) return st.fail(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${m}"`);
        // A child cannot be switched into or out of passthru (§1.9).
        if ((m === 'passthru') !== (dev.mode === 'passthru')) return st.fail(`${RTNL}Invalid argument`);
        dev.mode = m;
      } else if (w === 'macaddr') {
        const op = args[++i];
        const list = dev.sourceMacs ?? [];
        if (op === 'flush') list.length = 0;
        else {
          const mac = (args[++i] ?? '').toLowerCase();
          if (macProblem(mac) && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac)) return st.fail(`Error: argument "${mac}" is wrong: invalid macaddr`);
          if (op === 'add' && !list.includes(mac)) list.push(mac);
          else if (op === 'set') { list.length = 0; list.push(mac); }
          else if (op === 'del') {
            const k = list.indexOf(mac);
            if (k < 0) return st.fail(`${RTNL}No such file or directory`);
            list.splice(k, 1);
          } else if (op !== 'add') return st.fail(`Error: argument "${op}" is wrong: invalid macaddr command`);
        }
        if (list.length) dev.sourceMacs = list; else delete dev.sourceMacs;
      } else st.warn(`${dev.kind} option "${w}" is not modelled; ignored`);
    }
    st.touch(dev.id);
    return true;
  }
  if (dev.kind === 'ipvlan') {
    const mode = args[args.indexOf('mode') + 1];
    if (args.includes('mode') && (mode === 'l2' || mode === 'l3' || mode === 'l3s')) {
      for (const s of childrenOf(scope.host, dev.parent)) if (s.kind === 'ipvlan') { s.mode = mode; st.touch(s.id); }
    }
    return true;
  }
  st.warn(`changing ${dev.kind} options is not modelled; ignored`);
  return true;
}
