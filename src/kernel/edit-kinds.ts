/** The palette's device kinds the running kernel can create (others are left out of sessions). */
import type { PaletteDeviceKind } from '../core/model/edit';
import { kernelSupport } from './kernel-support';

const KERNEL_KEY: Record<PaletteDeviceKind, string | undefined> = {
  physical: undefined, veth: 'veth', bridge: 'bridge', macvlan: 'macvlan', macvtap: 'macvtap',
  ipvlan: 'ipvlan', vlan: 'vlan', tap: 'tap', tun: 'tun', dummy: 'dummy', vxlan: 'vxlan',
  bond: 'bond', vrf: 'vrf',
  ipip: 'ipip', gre: 'gre', gretap: 'gretap',
};

/** Kinds whose link type this kernel has (a NIC is a veth end in the sandbox's world). */
export async function paletteKindsOnThisKernel(): Promise<PaletteDeviceKind[]> {
  const support = await kernelSupport();
  return (Object.keys(KERNEL_KEY) as PaletteDeviceKind[]).filter((k) => {
    const key = KERNEL_KEY[k];
    return key === undefined || support.get(key)?.supported === true;
  });
}
