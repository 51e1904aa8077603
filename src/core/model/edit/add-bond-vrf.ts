/** Palette defaults of bond and VRF devices. */
import type { Address, Device } from '../types';

type Common = { id: string; name: string; ns: string; up: boolean; addresses: Address[] };

/**
 * A dropped bond is what `ip link add bond0 type bond mode active-backup miimon 100` makes
 * (the mode people bond NICs for; the kernel's own default is balance-rr). A VRF needs a
 * table: iproute2 refuses `type vrf` without one; 10 is the usual first.
 */
export function freshBondOrVrf(kind: 'bond' | 'vrf', common: Common): Device {
  return kind === 'bond' ? { ...common, kind, mode: 'active-backup', miimon: 100 } : { ...common, kind, table: 10 };
}
