/**
 * `ip link add` for bond and VRF devices, and the lines a bond needs around enslaving:
 * the slave set down first (bond_enslave opens the slave itself; a slave enslaved while up
 * is refused on the kernels we measured, see the bond-* conformance cases) and `primary`
 * once the slave exists as one.
 */
import type { BondDevice, Device, VrfDevice } from '../../model/types';
import { BOND_MODES, BOND_XMIT_HASH_POLICIES } from '../../model/types-bond-vrf';
import { keyword, sh } from './shell-quote';

export function bondVrfCreate(ip: string, d: BondDevice | VrfDevice): string[] {
  if (d.kind === 'vrf') return [`${ip} ${sh`link add name ${d.name} type vrf table ${d.table}`}`];
  let opts = '';
  if (d.mode) opts += ` mode ${keyword(d.mode, BOND_MODES)}`;
  if (d.miimon !== undefined) opts += sh` miimon ${d.miimon}`;
  if (d.xmitHashPolicy) opts += ` xmit_hash_policy ${keyword(d.xmitHashPolicy, BOND_XMIT_HASH_POLICIES)}`;
  return [`${ip} ${sh`link add name ${d.name} type bond`}${opts}`];
}

/** Lines before `ip link set SLAVE master BOND`. */
export function beforeEnslave(ip: string, slave: Device, master: Device): string[] {
  return master.kind === 'bond' ? [`${ip} ${sh`link set dev ${slave.name} down`}`] : [];
}

/** Lines after every slave is enslaved: the bond's `primary`. */
export function afterEnslave(ip: string, master: Device, byId: Map<string, Device>): string[] {
  if (master.kind !== 'bond' || !master.primary) return [];
  const p = byId.get(master.primary);
  return p ? [`${ip} ${sh`link set dev ${master.name} type bond primary ${p.name}`}`] : [];
}
