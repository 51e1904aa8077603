/**
 * `ip link add NAME type vxlan …` (iproute2 ip/iplink_vxlan.c, then the kernel's
 * drivers/net/vxlan/vxlan_core.c vxlan_nl2conf / vxlan_config_validate) and the VXLAN
 * device's own FDB written by `bridge fdb add|append|replace|del … dev VX dst ADDR`.
 * Messages are the tools' own, as measured on Linux 6.18 with iproute2 6.1.
 */
import type { Device, Host, VxlanDevice } from '../../model/types';
import { isMulticast, parseIp } from '../../net/ipv4';
import { matches, parseUint } from './args';
import type { ImportState, Scope } from './state';

type Base = { id: string; name: string; ns: string; up: boolean; addresses: [] | Device['addresses'] };

const ZERO_MAC = '00:00:00:00:00:00';
/** Options ip accepts that change nothing the simulator models. */
const IGNORED_FLAGS = new Set(['udpcsum', 'noudpcsum', 'udp6zerocsumtx', 'noudp6zerocsumtx', 'udp6zerocsumrx', 'noudp6zerocsumrx', 'rsc', 'norsc', 'l2miss', 'nol2miss', 'l3miss', 'nol3miss', 'remcsumtx', 'noremcsumtx', 'remcsumrx', 'noremcsumrx', 'gbp', 'gpe', 'external', 'noexternal', 'localbind', 'nolocalbind']);
const IGNORED_WITH_VALUE = new Set(['tos', 'dsfield', 'df', 'flowlabel', 'ageing', 'maxaddress', 'label']);

/** The VXLAN device `ip link add` would make, or undefined after reporting why not. */
export function makeVxlan(st: ImportState, scope: Scope, host: Host, base: Base, args: string[]): VxlanDevice[] | undefined {
  let vni: number | undefined;
  let port: number | undefined;
  let local: string | undefined;
  let remote: string | undefined;
  let group: string | undefined;
  let devName: string | undefined;
  let ttl: number | undefined;
  let learning = true;
  let proxy = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = args[i + 1];
    if (w === 'id' || w === 'vni') {
      i++;
      vni = parseUint(v);
      if (vni === undefined || vni > 0xffffff) return bad(st, v, 'invalid id');
    } else if (w === 'group' || w === 'remote' || w === 'local') {
      i++;
      const ip = v === undefined ? undefined : parseIp(v);
      // iplink_vxlan.c: a group must be multicast, remote and local must not be
      if (ip === undefined || (w === 'group') !== isMulticast(ip)) return bad(st, v, `invalid ${w} address`);
      if (w === 'group') group = v; else if (w === 'remote') remote = v; else local = v;
    } else if (matches(w, 'dev')) {
      devName = v;
      i++;
    } else if (w === 'ttl' || w === 'hoplimit') {
      i++;
      if (v === 'auto') ttl = undefined;
      else if (v === 'inherit') st.warn('vxlan "ttl inherit" (the inner packet\'s TTL) is not modelled; the outer TTL is 64');
      else {
        const n = parseUint(v);
        if (n === undefined) return bad(st, v, 'invalid TTL');
        if (n > 255) return bad(st, v, 'TTL must be <= 255');
        ttl = n || undefined;
      }
    } else if (w === 'dstport') {
      i++;
      const n = parseUint(v);
      if (n === undefined || n > 65535) return bad(st, v, 'dstport');
      port = n;
    } else if (w === 'learning') learning = true;
    else if (w === 'nolearning') learning = false;
    else if (w === 'proxy') proxy = true;
    else if (w === 'noproxy') proxy = false;
    else if (w === 'srcport') {
      i += 2;
      st.warn('vxlan "srcport" is not modelled; the source port is drawn from the local port range');
    } else if (IGNORED_FLAGS.has(w)) continue;
    else if (IGNORED_WITH_VALUE.has(w)) {
      i++;
      st.warn(`vxlan option "${w}" is not modelled; ignored`);
    } else return bad(st, w, 'unknown vxlan option');
  }
  if (vni === undefined) { st.fail('vxlan: missing virtual network identifier'); return undefined; }
  if (group && remote) { st.fail('vxlan: both group and remote cannot be specified'); return undefined; }
  if (group && devName === undefined) { st.fail("vxlan: 'group' requires 'dev' to be specified"); return undefined; }
  let underlay: Device | undefined;
  if (devName !== undefined) {
    underlay = st.device(scope, devName);
    if (!underlay) { st.fail(`Cannot find device "${devName}"`, 'no-such-device'); return undefined; }
  }
  if (port === undefined) {
    // ip prints this on stderr and goes on with the kernel's default
    st.warn('vxlan: destination port not specified; Linux uses its own default 8472, not the IANA port 4789 ("dstport 4789")', 'vxlan-default-port');
  }
  const dstport = port || 8472;
  const clash = host.devices.find((d) => d.kind === 'vxlan' && d.ns === base.ns && d.vni === vni && (d.dstport ?? 8472) === dstport);
  if (clash) { st.fail('Error: A VXLAN device with the specified VNI already exists.', 'exists'); return undefined; }
  const dev: VxlanDevice = { ...base, addresses: [], id: st.ids.take('d'), kind: 'vxlan', vni, dstport };
  if (local) dev.local = local;
  if (remote) dev.remote = remote;
  if (group) dev.group = group;
  if (underlay) dev.underlay = underlay.id;
  if (!learning) dev.learning = false;
  if (proxy) dev.proxy = true;
  if (ttl !== undefined) dev.ttl = ttl;
  return [dev];
}

function bad(st: ImportState, arg: string | undefined, what: string): undefined {
  st.fail(`Error: argument "${arg ?? ''}" is wrong: ${what}`);
  return undefined;
}

/**
 * `bridge fdb add|append|replace|del MAC dev VX [dst ADDR] …` on a VXLAN device: its own
 * table (`self`). Returns undefined when the device is not a VXLAN device (the caller then
 * treats the line as a bridge FDB entry).
 */
export function vxlanFdb(st: ImportState, scope: Scope, cmd: string, rest: string[]): boolean | undefined {
  let mac: string | undefined;
  let devName: string | undefined;
  let dst: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'dev') devName = rest[++i];
    else if (w === 'dst') dst = rest[++i];
    else if (['self', 'master', 'permanent', 'static', 'dynamic', 'local', 'router', 'use', 'extern_learn', 'sticky'].includes(w)) continue;
    else if (['port', 'vni', 'via', 'src_vni', 'vlan', 'nhid'].includes(w)) {
      st.warn(`bridge fdb option "${w}" is not modelled; ignored`);
      i++;
    } else if (mac === undefined) mac = w.toLowerCase();
  }
  const dev = devName === undefined ? undefined : st.device(scope, devName);
  if (!dev || dev.kind !== 'vxlan') return undefined;
  if (!mac || !/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/.test(mac)) return st.fail(`Error: invalid mac address "${mac ?? ''}"`);
  mac = mac.split(':').map((x) => x.padStart(2, '0')).join(':');
  const table = dev.fdb ?? [];
  const has = table.filter((e) => e.mac === mac);
  const isDel = matches(cmd, 'delete');
  if (!isDel && dst === undefined) return st.fail('RTNETLINK answers: Invalid argument');
  if (dst !== undefined && parseIp(dst) === undefined) return st.fail(`Error: an inet address is expected rather than "${dst}".`);
  // the default entry made by `remote`/`group` is one of the table's entries too
  const implicit = mac === ZERO_MAC && (dev.remote ?? dev.group) !== undefined;
  if (isDel) {
    const gone = table.filter((e) => e.mac === mac && (dst === undefined || e.dst === dst));
    if (!gone.length) return st.fail('RTNETLINK answers: No such file or directory');
    dev.fdb = table.filter((e) => !gone.includes(e));
  } else if (matches(cmd, 'append')) {
    if (!has.some((e) => e.dst === dst) && !(implicit && (dev.remote ?? dev.group) === dst)) dev.fdb = [...table, { mac, dst: dst! }];
  } else if (matches(cmd, 'add')) {
    if (has.length || implicit) return st.fail('RTNETLINK answers: File exists', 'exists');
    dev.fdb = [...table, { mac, dst: dst! }];
  } else if (matches(cmd, 'replace')) {
    dev.fdb = [...table.filter((e) => e.mac !== mac), { mac, dst: dst! }];
    if (implicit) st.warn('replacing the default entry of "remote"/"group" is not modelled; both destinations are kept');
  } else return st.fail(`Command "${cmd}" is unknown, try "bridge fdb help".`);
  if (!dev.fdb?.length) delete dev.fdb;
  st.touch(dev.id);
  return true;
}
