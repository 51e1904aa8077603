/**
 * `ip link add … type bond|vrf`, `ip link set DEV type bond …`, and enslaving to a bond or
 * a VRF, with iproute2's and the kernel's refusals (iplink_bond.c, iplink_vrf.c,
 * bond_main.c bond_enslave, vrf.c do_vrf_add_slave). Measured: fixtures/conformance-debian-6.1
 * bond-* and vrf-*.
 */
import type { BondDevice, Device, VrfDevice } from '../../model/types';
import { BOND_MODES, BOND_XMIT_HASH_POLICIES, type BondMode, type BondXmitHashPolicy } from '../../model/types-bond-vrf';
import { parseUint } from './args';
import type { ImportState, Scope } from './state';

const RTNL = 'RTNETLINK answers: ';
type Base = Omit<Device, 'kind'> & { kind?: never };

/** The mode by name or by its number (`mode 1`), as iproute2's get_index takes it. */
function modeOf(v: string | undefined): BondMode | undefined {
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : -1;
  return (BOND_MODES as string[]).includes(v) ? v as BondMode : BOND_MODES[n];
}

/** Applies bond options to `d`; false (after st.fail) on the first refused one. */
export function applyBondOptions(st: ImportState, scope: Scope, d: BondDevice, args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = args[i + 1];
    if (w === 'mode') {
      const m = modeOf(v);
      if (!m) return st.fail(`Error: argument "${v ?? ''}" is wrong: invalid mode`);
      // bond_option_mode_set: the mode cannot change while the bond has slaves
      if (m !== (d.mode ?? 'balance-rr') && scope.host.devices.some((s) => s.master === d.id)) return st.fail(`${RTNL}Directory not empty`);
      d.mode = m;
    } else if (w === 'miimon') {
      const n = parseUint(v);
      if (n === undefined) return st.fail(`Error: argument "${v ?? ''}" is wrong: invalid miimon`);
      d.miimon = n;
    } else if (w === 'xmit_hash_policy') {
      if (!(BOND_XMIT_HASH_POLICIES as string[]).includes(v ?? '')) return st.fail(`Error: argument "${v ?? ''}" is wrong: invalid xmit_hash_policy`);
      d.xmitHashPolicy = v as BondXmitHashPolicy;
    } else if (w === 'primary') {
      const p = v === undefined ? undefined : scope.host.devices.find((x) => x.ns === d.ns && x.name === v);
      if (!p) return st.fail(`Cannot find device "${v ?? ''}"`, 'no-such-device');
      // bond_option_primary_set keeps a name that is not a slave (yet) without error; the
      // design keeps a primary only as one of its slaves
      if (p.master === d.id) d.primary = p.id;
      else st.warn(`${v} is not a slave of ${d.name}; the kernel keeps the name as primary for when it is enslaved`);
    } else {
      st.warn(`bond option "${w}" is not modelled; ignored`, 'unmodelled-option');
    }
    if (w === 'mode' || w === 'miimon' || w === 'xmit_hash_policy' || w === 'primary') i++;
  }
  st.touch(d.id);
  return true;
}

export function makeBond(st: ImportState, scope: Scope, base: Base, args: string[]): Device[] | undefined {
  const d: BondDevice = { ...base, id: st.ids.take('d'), kind: 'bond' };
  return applyBondOptions(st, scope, d, args) ? [d] : undefined;
}

/** `type vrf table N`: the table is required and may not be 0 (vrf_validate). */
export function makeVrf(st: ImportState, base: Base, args: string[]): Device[] | undefined {
  let table: number | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'table') {
      table = parseUint(args[++i]);
      if (table === undefined) { st.fail(`Error: argument "${args[i] ?? ''}" is wrong: invalid table ID`); return undefined; }
    } else { st.fail(`vrf: unknown option "${args[i]}"`); return undefined; }
  }
  if (table === undefined) { st.fail('Error: VRF table id is missing.'); return undefined; }
  if (table === 0) { st.fail('Error: Invalid VRF table id.'); return undefined; }
  const d: VrfDevice = { ...base, id: st.ids.take('d'), kind: 'vrf', table };
  return [d];
}

/** `ip link set DEV master BOND|VRF`. */
export function enslaveBondVrf(st: ImportState, dev: Device, master: BondDevice | VrfDevice): boolean {
  if (master.kind === 'bond') {
    // measured order (bond-enslave-up-slave): itself, then up (lo is always up here)
    if (dev.id === master.id) return st.fail('Error: Cannot enslave bond to itself.');
    if (dev.up) return st.fail('Error: Device can not be enslaved while up.', 'slave-up');
    if (dev.kind === 'loopback') return st.fail(`${RTNL}Operation not supported`);
    if (dev.master !== undefined) return st.fail(`${RTNL}Device or resource busy`, 'busy');
    dev.master = master.id;
    // bond_enslave opens the slave itself
    dev.up = true;
  } else {
    if (dev.kind === 'loopback') return st.fail('Error: Can not enslave loopback device to a VRF.');
    if (dev.kind === 'vrf') return st.fail(`${RTNL}Invalid argument`);
    dev.master = master.id;
  }
  st.touch(dev.id, master.id);
  return true;
}
