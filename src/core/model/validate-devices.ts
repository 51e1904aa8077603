/**
 * The kernel's device rules: what may stack on what (rx_handler exclusivity, passthru,
 * Ethernet-type lowers), what may be enslaved to a bridge, MAC/MTU/VLAN id ranges.
 * Each message names the kernel's own error where there is one.
 */
import { macProblem } from './names';
import type { ValidationContext } from './validate-context';
import { checkBondVrf, checkBondVrfSlave } from './validate-bond-vrf';
import { INTERFACE_SYSCTL_KEYS, type Device } from './types';

const MIN_MTU = 68;
const MAX_MTU = 65535;
const DEFAULT_MTU = 1500;
/** Kinds that are not Ethernet-type (no MAC header): they cannot be lowers or bridge ports. */
const NOT_ETHERNET = new Set<Device['kind']>(['loopback', 'tun']);
const HANDLER_CHILD = new Set<Device['kind']>(['macvlan', 'macvtap', 'ipvlan']);

/** Checks stacking, enslaving and per-device value ranges. */
export function checkDevices(cx: ValidationContext): void {
  for (const { host, device: d } of cx.devices.values()) {
    const label = cx.label(d);
    // iproute2: "alias too long" from IFALIASZ (256) bytes with the NUL
    if (d.alias !== undefined && new TextEncoder().encode(d.alias).length >= 256) cx.error('bad-alias', d.id, cx.devicePath(d, 'alias'), `the alias of ${label} is ${new TextEncoder().encode(d.alias).length} bytes; ip allows at most 255 (alias too long)`);
    if (d.mac !== undefined) {
      const p = macProblem(d.mac);
      if (p) cx.error('bad-mac', d.id, cx.devicePath(d, 'mac'), p);
      if (d.kind === 'tun') cx.error('tun-mac', d.id, cx.devicePath(d, 'mac'), `tun ${label} carries IP packets, not Ethernet frames: it has no MAC address (RTNETLINK answers: Operation not supported)`);
      if (d.kind === 'ipvlan') cx.warn('ipvlan-mac', d.id, cx.devicePath(d, 'mac'), `ipvlan ${label} always uses its parent's MAC; remove the MAC or set it on the parent`);
    }
    if (d.mtu !== undefined && (d.mtu < MIN_MTU || d.mtu > MAX_MTU) && d.kind !== 'loopback') {
      cx.error('bad-mtu', d.id, cx.devicePath(d, 'mtu'), `MTU ${d.mtu} of ${label} is outside ${MIN_MTU}–${MAX_MTU} (RTNETLINK answers: Invalid argument)`);
    }
    for (const key of Object.keys(d.sysctls ?? {})) {
      if (!(INTERFACE_SYSCTL_KEYS as readonly string[]).includes(key)) {
        cx.warn('unknown-sysctl', d.id, cx.devicePath(d, `sysctls.${key}`), `net.ipv4.conf.${d.name}.${key} is not a setting vnetlab models; it will be exported but not simulated`);
      }
    }

    if ('parent' in d) {
      const parent = cx.device(host, d.parent);
      if (parent) {
        if (parent.id === d.id) cx.error('self-parent', d.id, cx.devicePath(d, 'parent'), `${label} cannot be its own parent`);
        else checkChild(cx, d, parent);
      }
    }
    const master = d.master !== undefined ? cx.device(host, d.master) : undefined;
    if (master && (master.kind === 'bond' || master.kind === 'vrf')) checkBondVrfSlave(cx, host, d, master);
    else if (d.master !== undefined) checkPort(cx, d);
    checkBondVrf(cx, host, d);
    if (d.kind === 'vlan') {
      if (!Number.isInteger(d.vid) || d.vid < 0 || d.vid > 4094) {
        cx.error('bad-vlan-id', d.id, cx.devicePath(d, 'vid'), `VLAN id ${d.vid} of ${label} is outside 0–4094 (4095 is reserved)`);
      } else if (d.vid === 0) {
        cx.warn('vlan-id-zero', d.id, cx.devicePath(d, 'vid'), `VLAN id 0 marks priority-tagged frames, which the kernel treats as untagged; use an id from 1 to 4094`);
      }
    }
    if (d.kind === 'bridge') {
      if (d.vlanDefaultPvid !== undefined && (d.vlanDefaultPvid < 0 || d.vlanDefaultPvid > 4094)) {
        cx.error('bad-vlan-id', d.id, cx.devicePath(d, 'vlanDefaultPvid'), `default PVID ${d.vlanDefaultPvid} is outside 0–4094`);
      }
    }
    (d.port?.vlans ?? []).forEach((v, i) => {
      if (!Number.isInteger(v.vid) || v.vid < 1 || v.vid > 4094) cx.error('bad-vlan-id', d.id, cx.devicePath(d, `port.vlans[${i}].vid`), `bridge VLAN ${v.vid} on ${label} is outside 1–4094`);
    });
    if (d.kind === 'macvlan' || d.kind === 'macvtap') {
      (d.sourceMacs ?? []).forEach((m, i) => {
        const p = macProblem(m);
        if (p) cx.error('bad-mac', d.id, cx.devicePath(d, `sourceMacs[${i}]`), p);
      });
      if (d.sourceMacs?.length && d.mode !== 'source') cx.warn('source-macs-unused', d.id, cx.devicePath(d, 'sourceMacs'), `source MACs on ${label} only matter in mode source; switch the mode or drop the list`);
    }
  }
  checkSiblings(cx);
}

function checkChild(cx: ValidationContext, d: Device & { parent: string }, parent: Device): void {
  const label = cx.label(d);
  const path = cx.devicePath(d, 'parent');
  if (NOT_ETHERNET.has(parent.kind)) {
    cx.error('parent-not-ethernet', d.id, path, `${d.kind} ${label} cannot sit on ${cx.label(parent)}: a ${parent.kind} is not an Ethernet device (RTNETLINK answers: Invalid argument)`);
    return;
  }
  if (HANDLER_CHILD.has(d.kind) && parent.master !== undefined) {
    cx.error('parent-is-port', d.id, path, `${d.kind} ${label} cannot sit on ${cx.label(parent)}, which is a bridge port: one device has one receive handler (RTNETLINK answers: Device or resource busy); put the ${d.kind} on the bridge instead`);
  }
  if ((d.kind === 'macvlan' || d.kind === 'macvtap') && parent.kind === 'ipvlan') {
    cx.error('macvlan-on-ipvlan', d.id, path, `${d.kind} ${label} cannot sit on ipvlan ${cx.label(parent)}: ipvlan children take no receive handler (RTNETLINK answers: Device or resource busy)`);
  }
  if (d.kind === 'vlan' && d.up && !parent.up) {
    cx.error('vlan-parent-down', d.id, cx.devicePath(d, 'up'), `VLAN ${label} cannot be up while its parent ${cx.label(parent)} is down (RTNETLINK answers: Network is down); bring the parent up`);
  }
  if (d.mtu !== undefined && (d.kind === 'macvlan' || d.kind === 'macvtap' || d.kind === 'vlan' || d.kind === 'ipvlan')) {
    const lower = parent.mtu ?? DEFAULT_MTU;
    if (d.mtu > lower) cx.error('mtu-above-parent', d.id, cx.devicePath(d, 'mtu'), `MTU ${d.mtu} of ${label} is larger than its parent's ${lower} (RTNETLINK answers: Invalid argument)`);
  }
}

function checkPort(cx: ValidationContext, d: Device): void {
  const path = cx.devicePath(d, 'master');
  const label = cx.label(d);
  if (d.master === d.id) return cx.error('self-master', d.id, path, `${label} cannot be a port of itself`);
  if (d.kind === 'bridge') return cx.error('bridge-in-bridge', d.id, path, `bridge ${label} cannot be a port of another bridge (RTNETLINK answers: Too many levels of symbolic links, ELOOP)`);
  if (NOT_ETHERNET.has(d.kind)) return cx.error('port-not-ethernet', d.id, path, `${d.kind} ${label} cannot be a bridge port: it is not an Ethernet device (RTNETLINK answers: Invalid argument)`);
  if (d.kind === 'ipvlan') return cx.error('ipvlan-port', d.id, path, `ipvlan ${label} cannot be a bridge port: ipvlan children take no receive handler (RTNETLINK answers: Device or resource busy)`);
  if (d.kind === 'macvtap') return cx.error('macvtap-port', d.id, path, `macvtap ${label} cannot be a bridge port: it already has a receive handler (RTNETLINK answers: Device or resource busy)`);
  const handlerKids = cx.children(d.id).filter((c) => HANDLER_CHILD.has(c.kind));
  if (handlerKids.length > 0) {
    cx.error('parent-enslaved', d.id, path, `${label} has ${handlerKids[0].kind} child ${cx.label(handlerKids[0])}, so it cannot also be a bridge port (RTNETLINK answers: Device or resource busy); put the ${handlerKids[0].kind} on the bridge instead`);
  }
}

/** Rules between children of one parent: passthru alone, one handler type, unique VIDs, shared ipvlan mode. */
function checkSiblings(cx: ValidationContext): void {
  for (const { host, device: parent } of cx.devices.values()) {
    const kids = cx.children(parent.id).filter((k) => cx.devices.get(k.id)?.host === host);
    if (kids.length === 0) continue;
    const mac = kids.filter((k) => k.kind === 'macvlan' || k.kind === 'macvtap');
    const ipv = kids.filter((k) => k.kind === 'ipvlan');
    const passthru = mac.filter((k) => 'mode' in k && k.mode === 'passthru');
    if (passthru.length > 0 && mac.length > 1) {
      for (const k of passthru) cx.error('passthru-not-alone', k.id, cx.devicePath(k, 'mode'), `passthru ${cx.label(k)} must be the only macvlan on ${cx.label(parent)}, which has ${mac.length} (RTNETLINK answers: Invalid argument)`);
    }
    if (mac.length > 0 && ipv.length > 0) {
      for (const k of ipv) cx.error('mixed-handlers', k.id, cx.devicePath(k, 'parent'), `ipvlan ${cx.label(k)} cannot share ${cx.label(parent)} with macvlan ${cx.label(mac[0])}: a device has one receive handler (RTNETLINK answers: Device or resource busy)`);
    }
    if (ipv.length > 1) {
      const first = ipv[0];
      for (const k of ipv.slice(1)) {
        if (k.kind === 'ipvlan' && first.kind === 'ipvlan' && (k.mode !== first.mode || k.flag !== first.flag)) {
          cx.warn('ipvlan-mode-shared', k.id, cx.devicePath(k, 'mode'), `ipvlan mode and flag belong to the parent ${cx.label(parent)}, so ${cx.label(k)} (${k.mode} ${k.flag}) and ${cx.label(first)} (${first.mode} ${first.flag}) end up with whichever was created last; give all ipvlans on one parent the same mode and flag`);
        }
      }
    }
    const vids = new Map<number, Device>();
    for (const k of kids) {
      if (k.kind !== 'vlan') continue;
      const other = vids.get(k.vid);
      if (other) cx.error('duplicate-vlan-id', k.id, cx.devicePath(k, 'vid'), `VLAN id ${k.vid} already has a device (${cx.label(other)}) on ${cx.label(parent)} (RTNETLINK answers: File exists)`);
      else vids.set(k.vid, k);
    }
  }
}
