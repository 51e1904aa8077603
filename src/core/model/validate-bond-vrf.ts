/**
 * Kernel rules for bond and VRF devices and their slaves (bond_main.c bond_enslave,
 * vrf.c vrf_add_slave / vrf_validate), each message naming the kernel's own error.
 */
import type { ValidationContext } from './validate-context';
import type { Device, Host } from './types';

/** Checks a device whose master is a bond or a VRF. */
export function checkBondVrfSlave(cx: ValidationContext, host: Host, d: Device, m: Device): void {
  const path = cx.devicePath(d, 'master');
  const label = cx.label(d);
  if (d.id === m.id) return cx.error('self-master', d.id, path, `${label} cannot be a slave of itself`);
  if (m.kind === 'bond') {
    if (d.kind === 'loopback' || d.kind === 'tun') return cx.error('bond-slave-not-ethernet', d.id, path, `${d.kind} ${label} cannot be a slave of bond ${cx.label(m)}: it is not an Ethernet device`);
    if (d.kind === 'bond' && d.master !== undefined && host.devices.some((x) => x.id === m.master)) return cx.error('bond-loop', d.id, path, `bond ${label} and ${cx.label(m)} would enslave each other`);
    if (d.addresses.length) cx.warn('bond-slave-address', d.id, cx.devicePath(d, 'addresses'), `${label} is a slave of bond ${cx.label(m)}: its frames go to the bond, so its own addresses are not reachable through it; put the address on the bond`);
  }
  if (m.kind === 'vrf') {
    if (d.kind === 'vrf') return cx.error('vrf-in-vrf', d.id, path, `VRF ${label} cannot be enslaved to VRF ${cx.label(m)} (RTNETLINK answers: Invalid argument)`);
    if (d.kind === 'loopback') return cx.error('vrf-loopback', d.id, path, `the loopback cannot be enslaved to VRF ${cx.label(m)}`);
  }
}

/** Checks a bond's or VRF's own settings. */
export function checkBondVrf(cx: ValidationContext, host: Host, d: Device): void {
  if (d.kind === 'vrf') {
    if (!Number.isInteger(d.table) || d.table < 1 || d.table > 0xffffffff) {
      cx.error('vrf-table', d.id, cx.devicePath(d, 'table'), `VRF ${cx.label(d)} needs a table from 1 to 4294967295 (table 0 is RT_TABLE_UNSPEC: Invalid VRF table id)`);
    }
  }
  if (d.kind === 'bond') {
    if (d.miimon !== undefined && (!Number.isInteger(d.miimon) || d.miimon < 0)) cx.error('bond-miimon', d.id, cx.devicePath(d, 'miimon'), `miimon of bond ${cx.label(d)} must be a whole number of milliseconds`);
    if (d.primary !== undefined) {
      const p = host.devices.find((x) => x.id === d.primary);
      if (!p || p.master !== d.id) cx.error('bond-primary', d.id, cx.devicePath(d, 'primary'), `the primary of bond ${cx.label(d)} must be one of its slaves`);
    }
  }
}
