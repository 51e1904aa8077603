/** `ip link …` and `ip tuntap …`. */
import type { Device } from '../../model/types';
import { matches } from './args';
import { deleteDevices } from './kernel';
import { linkAdd } from './link-add';
import { nameRefused, parseLinkArgs } from './link-parse';
import { applyLinkSettings } from './link-settings';
import type { ImportState, Scope } from './state';

const RTNL = 'RTNETLINK answers: ';

/** `ip link SUBCOMMAND …` in `scope`. */
export function ipLink(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  // iproute2 tries add, set/change, replace, delete before show: `ip l s` is `ip link set`.
  if (cmd === undefined) return linkShow(st);
  if (matches(cmd, 'add')) return linkAdd(st, scope, rest);
  if (matches(cmd, 'set') || matches(cmd, 'change')) return linkSet(st, scope, rest);
  if (matches(cmd, 'replace')) {
    const req = parseLinkArgs(rest);
    const existing = st.device(scope, req.name ?? req.dev ?? '');
    return existing ? linkSet(st, scope, rest) : linkAdd(st, scope, rest);
  }
  if (matches(cmd, 'delete')) return linkDelete(st, scope, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return linkShow(st);
  if (matches(cmd, 'help')) { st.info('"ip link help" only displays'); return true; }
  if (matches(cmd, 'xstats') || matches(cmd, 'afstats') || matches(cmd, 'property')) {
    st.warn(`"ip link ${cmd}" is not modelled; ignored`);
    return true;
  }
  return st.fail(`Command "${cmd}" is unknown, try "ip link help".`, 'unknown-command');
}

function linkShow(st: ImportState): boolean {
  st.info('"ip link show" only displays; nothing to import');
  return true;
}

function linkSet(st: ImportState, scope: Scope, argv: string[]): boolean {
  const req = parseLinkArgs(argv);
  if (req.error) return st.fail(req.error);
  if (req.dev === undefined) return st.fail('Not enough information: "dev" argument is required.');
  const dev = st.needDevice(scope, req.dev);
  if (!dev) return false;
  return applyLinkSettings(st, scope, dev, req);
}

function linkDelete(st: ImportState, scope: Scope, argv: string[]): boolean {
  const req = parseLinkArgs(argv);
  if (req.error) return st.fail(req.error);
  const name = req.dev ?? req.name;
  if (name === undefined) return st.fail('Not enough information: "dev" argument is required.');
  const dev = st.needDevice(scope, name);
  if (!dev) return false;
  if (req.type && req.type !== dev.kind && !(req.type === 'tuntap')) return st.fail(`${RTNL}Operation not supported`);
  return removeDevice(st, scope, dev);
}

/** Deletes a device as `ip link del` does; physical NICs and loopback cannot be deleted. */
export function removeDevice(st: ImportState, scope: Scope, dev: Device): boolean {
  if (dev.kind === 'physical' || dev.kind === 'loopback') return st.fail(`${RTNL}Operation not supported`);
  st.touch(dev.ns);
  deleteDevices(st, scope.host, [dev]);
  return true;
}

/** `ip tuntap add|del [dev] NAME mode tap|tun`. */
export function ipTuntap(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) {
    st.info('"ip tuntap show" only displays; nothing to import');
    return true;
  }
  let name: string | undefined;
  let mode: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'mode') mode = rest[++i];
    else if (w === 'dev' || w === 'name') name = rest[++i];
    else if (w === 'user' || w === 'group') i++;
    else if (['one_queue', 'pi', 'vnet_hdr', 'multi_queue', 'numqueues'].includes(w)) { if (w === 'numqueues') i++; }
    else name = w;
  }
  if (matches(cmd, 'add')) {
    if (mode !== 'tap' && mode !== 'tun') return st.fail(mode ? `Cannot parse mode "${mode}"` : 'You failed to specify a tunnel mode');
    const n = name ?? `${mode}%d`.replace('%d', String(scope.host.devices.filter((d) => d.kind === mode).length));
    if (nameRefused(st, n)) return false;
    if (st.device(scope, n)) return st.fail('ioctl(TUNSETIFF): Device or resource busy', 'exists');
    const dev: Device = { id: st.ids.take('d'), kind: mode, name: n, ns: scope.ns.id, up: false, addresses: [] };
    scope.host.devices.push(dev);
    st.touch(dev.id, scope.ns.id);
    return true;
  }
  if (matches(cmd, 'delete')) {
    const dev = st.needDevice(scope, name);
    if (!dev) return false;
    if (dev.kind !== 'tap' && dev.kind !== 'tun') return st.fail('ioctl(TUNSETIFF): Invalid argument');
    return removeDevice(st, scope, dev);
  }
  return st.fail(`Command "${cmd}" is unknown, try "ip tuntap help".`, 'unknown-command');
}
