/**
 * VXLAN devices: the rules of iproute2's ip/iplink_vxlan.c and the kernel's
 * drivers/net/vxlan/vxlan_core.c (vxlan_nl2conf, vxlan_config_validate), with their messages
 * as measured on Linux 6.18: VNI range, one device per VNI and port in a namespace, a group
 * that is multicast and comes with a device, endpoints that are not, TTL ≤ 255, an underlay
 * in the same namespace, and the default-port pitfall (8472, not IANA's 4789).
 */
import { isMulticast, parseIp } from '../net/ipv4';
import type { ValidationContext } from './validate-context';
import type { VxlanDevice } from './types';

const LINUX_DEFAULT_PORT = 8472;
const FDB_MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;

/** Checks every VXLAN device of the design. */
export function checkVxlan(cx: ValidationContext): void {
  const seen = new Map<string, VxlanDevice>();
  for (const { host, device: d } of cx.devices.values()) {
    if (d.kind !== 'vxlan') continue;
    const label = cx.label(d);
    const path = (f: string) => cx.devicePath(d, f);
    if (!Number.isInteger(d.vni) || d.vni < 0 || d.vni > 0xffffff) {
      cx.error('vxlan-bad-id', d.id, path('vni'), `VXLAN id ${d.vni} of ${label} is outside 0–16777215 (Error: argument "${d.vni}" is wrong: invalid id)`);
    }
    if (d.dstport !== undefined && (!Number.isInteger(d.dstport) || d.dstport < 0 || d.dstport > 65535)) {
      cx.error('vxlan-bad-port', d.id, path('dstport'), `UDP port ${d.dstport} of ${label} is outside 0–65535`);
    }
    const port = d.dstport || LINUX_DEFAULT_PORT;
    const key = `${host.id}/${d.ns}/${d.vni}/${port}`;
    const other = seen.get(key);
    if (other) cx.error('vxlan-duplicate-vni', d.id, path('vni'), `${label} and ${cx.label(other)} both use VNI ${d.vni} on UDP port ${port} in one namespace (Error: A VXLAN device with the specified VNI already exists.)`);
    else seen.set(key, d);
    if (d.dstport === undefined) {
      cx.warn('vxlan-default-port', d.id, path('dstport'), `${label} has no destination port: Linux uses its own default 8472, not the IANA port 4789 that other VXLAN software expects; set the port explicitly`);
    }
    for (const f of ['local', 'remote', 'group'] as const) {
      const text = d[f];
      if (text === undefined) continue;
      const ip = parseIp(text);
      if (ip === undefined || (f === 'group') !== isMulticast(ip)) {
        cx.error('vxlan-bad-address', d.id, path(f), `${f} ${text} of ${label} is not ${f === 'group' ? 'a multicast' : 'a unicast IPv4'} address (Error: argument "${text}" is wrong: invalid ${f} address)`);
      }
    }
    if (d.remote !== undefined && d.group !== undefined) {
      cx.error('vxlan-remote-and-group', d.id, path('group'), `${label} has both a remote and a group (vxlan: both group and remote cannot be specified)`);
    }
    const under = d.underlay === undefined ? undefined : cx.device(host, d.underlay);
    if (d.underlay !== undefined && !under) {
      cx.error('vxlan-no-underlay', d.id, path('underlay'), `the underlay device of ${label} does not exist (Cannot find device)`);
    } else if (under && under.ns !== d.ns) {
      cx.error('vxlan-underlay-elsewhere', d.id, path('underlay'), `the underlay ${cx.label(under)} of ${label} is in another namespace: ip looks the device up where the VXLAN is created (Cannot find device "${under.name}")`);
    } else if (under && under.id === d.id) {
      cx.error('vxlan-no-underlay', d.id, path('underlay'), `${label} cannot be its own underlay`);
    }
    if (d.group !== undefined && !under) {
      cx.error('vxlan-group-needs-dev', d.id, path('group'), `${label} sends to group ${d.group} but names no underlay device (vxlan: 'group' requires 'dev' to be specified)`);
    }
    if (d.ttl !== undefined && (!Number.isInteger(d.ttl) || d.ttl < 0 || d.ttl > 255)) {
      cx.error('vxlan-bad-ttl', d.id, path('ttl'), `TTL ${d.ttl} of ${label} is outside 0–255 (Error: argument "${d.ttl}" is wrong: TTL must be <= 255)`);
    }
    (d.fdb ?? []).forEach((e, i) => {
      // the all-zeros MAC is the default entry here, not a device address
      if (!FDB_MAC.test(e.mac)) cx.error('vxlan-bad-fdb', d.id, path(`fdb[${i}].mac`), `"${e.mac}" is not a MAC address (six hex bytes separated by ":")`);
      if (parseIp(e.dst) === undefined) cx.error('vxlan-bad-fdb', d.id, path(`fdb[${i}].dst`), `FDB destination ${e.dst} of ${label} is not an IPv4 address`);
    });
    const hasDefault = d.remote !== undefined || d.group !== undefined || (d.fdb ?? []).some((e) => e.mac === '00:00:00:00:00:00');
    if (!hasDefault && d.up) {
      cx.warn('vxlan-no-remote', d.id, path('remote'), `${label} has no remote, group or 00:00:00:00:00:00 FDB entry: broadcasts (ARP) go nowhere, so it reaches only endpoints that contact it first`);
    }
  }
}
