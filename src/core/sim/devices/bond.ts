/**
 * Bonding (drivers/net/bonding/bond_main.c), the modes a simulated LAN can show:
 * - the bond takes its first slave's MAC when its own was not set (bond_enslave →
 *   bond_set_dev_addr) and every slave then carries the bond's MAC (dev_set_mac_address in
 *   bond_enslave), so the switch sees one address;
 * - a slave's link is up when MII monitoring sees carrier (bond_miimon_inspect); with
 *   miimon 0 and no ARP monitor a slave counts as up from enslaving on (bond_enslave);
 * - active-backup sends through one active slave: the primary when its link is up, else the
 *   first slave with link (bond_find_best_slave); frames arriving on a backup slave reach
 *   only exact-match handlers, so the stack never sees them (bond_should_deliver_exact_match);
 * - balance-xor and 802.3ad pick a slave by xmit_hash_policy (layer2:
 *   dest MAC[5] ^ source MAC[5] ^ ethertype, bond_eth_hash; bond_xmit_3ad_xor_slave_get);
 *   802.3ad without an LACP partner keeps one aggregator, like one active slave (bond_3ad.c
 *   ad_agg_selection_logic); balance-rr and broadcast use every slave with link.
 * The bond has carrier while one slave has link (bond_set_carrier).
 */
import type { BondDevice } from '../../model/types';
import type { RxResult, Sim, SimDev, Skb } from '../model';
import { devXmit, dropWhy, netifReceive } from '../dev-core';

export interface BondState {
  slaves: SimDev[];
  rr: number;
}

const whyNoSlave = (dev: SimDev) => `${dev.name}: the bond has no slave with link, so nothing can be sent (bond_main.c bond_start_xmit)`;
const whyBackup = (dev: SimDev, bond: SimDev) => `${dev.name}: a backup slave of ${bond.name}; frames arriving on it are not passed to the stack (bond_main.c bond_should_deliver_exact_match)`;

function cfg(bond: SimDev): BondDevice { return bond.cfg as BondDevice; }

/** A slave's MII link as the monitor sees it. */
export function slaveLinkUp(bond: SimDev, s: SimDev): boolean {
  if (!cfg(bond).miimon && cfg(bond).miimon !== undefined) return true;
  return s.up && s.carrier;
}

/** The slave active-backup (and 802.3ad with one aggregator) sends through. */
export function activeSlave(bond: SimDev): SimDev | undefined {
  const st = bond.bond!;
  const c = cfg(bond);
  const primary = c.primary ? st.slaves.find((s) => s.id === c.primary) : undefined;
  if (primary && slaveLinkUp(bond, primary)) return primary;
  return st.slaves.find((s) => slaveLinkUp(bond, s));
}

function oneActive(bond: SimDev): boolean {
  const m = cfg(bond).mode ?? 'balance-rr';
  return m === 'active-backup' || m === '802.3ad';
}

/** bond_start_xmit. */
export function bondXmit(sim: Sim, dev: SimDev, skb: Skb): void {
  const st = dev.bond!;
  const up = st.slaves.filter((s) => slaveLinkUp(dev, s));
  const mode = cfg(dev).mode ?? 'balance-rr';
  let out: SimDev | undefined;
  if (oneActive(dev)) out = activeSlave(dev);
  else if (up.length && mode === 'balance-xor') {
    const f = skb.data;
    const hash = f[5] ^ f[11] ^ ((f[12] << 8) | f[13]);
    out = up[hash % up.length];
  } else if (up.length && mode === 'broadcast') {
    for (const s of up) devXmit(sim, s, { data: skb.data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
    return;
  } else if (up.length) out = up[st.rr++ % up.length];
  if (!out) {
    dropWhy(sim, dev, 'bond', whyNoSlave, dev, undefined, skb.data);
    return;
  }
  devXmit(sim, out, { data: skb.data, hops: skb.hops, lineage: skb.lineage, forceHost: false });
}

/** bond_handle_frame on a slave: delivered as received by the bond, unless a backup. */
export function bondSlaveRx(sim: Sim, dev: SimDev, skb: Skb): RxResult {
  const bond = dev.bondMaster!;
  if (oneActive(bond) && activeSlave(bond) !== dev) {
    dropWhy(sim, dev, 'bond', whyBackup, dev, bond, skb.data);
    return 'consumed';
  }
  netifReceive(sim, bond, skb);
  return 'consumed';
}

/** Stacking: slaves in the design's order, the first slave's MAC, every slave the bond's MAC. */
export function attachBond(bond: SimDev, slaves: SimDev[]): void {
  bond.bond = { slaves, rr: 0 };
  if (!bond.macSet && slaves.length) bond.mac = slaves[0].mac;
  for (const s of slaves) {
    s.bondMaster = bond;
    s.mac = bond.mac;
    s.rxHandler = bondSlaveRx;
  }
}
