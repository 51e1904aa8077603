/**
 * Bond and VRF devices of the design document (drivers/net/bonding/, drivers/net/vrf.c).
 * Both are masters: their slaves name them in `master`, as bridge ports do.
 */
import type { DeviceCommon, Id } from './types';

/** Bonding modes in the kernel's order (`mode 0`…`mode 6` are the same as the names). */
export type BondMode = 'balance-rr' | 'active-backup' | 'balance-xor' | 'broadcast' | '802.3ad' | 'balance-tlb' | 'balance-alb';
export const BOND_MODES: readonly BondMode[] = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];

/** `xmit_hash_policy` names (bond_options.c bond_xmit_hashtype_tbl). */
export type BondXmitHashPolicy = 'layer2' | 'layer3+4' | 'layer2+3' | 'encap2+3' | 'encap3+4' | 'vlan+srcmac';
export const BOND_XMIT_HASH_POLICIES: readonly BondXmitHashPolicy[] = ['layer2', 'layer3+4', 'layer2+3', 'encap2+3', 'encap3+4', 'vlan+srcmac'];

/** `ip link add NAME type bond [mode M] [miimon MS] [primary DEV] [xmit_hash_policy P]`. */
export interface BondDevice extends DeviceCommon {
  kind: 'bond';
  /** Absent means the kernel default, balance-rr. */
  mode?: BondMode;
  /** MII link monitoring interval in ms; absent or 0 means no monitoring (the default). */
  miimon?: number;
  /** `primary DEV` (active-backup, tlb, alb): the slave preferred as the active one. */
  primary?: Id;
  /** Absent means layer2, the default. */
  xmitHashPolicy?: BondXmitHashPolicy;
}

/** `ip link add NAME type vrf table N`: an L3 master whose slaves route in table N. */
export interface VrfDevice extends DeviceCommon {
  kind: 'vrf';
  /** The routing table (1…2^32-1, not 0) the l3mdev rule sends the VRF's traffic to. */
  table: number;
}
