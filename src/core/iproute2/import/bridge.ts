/** `bridge link set …`, `bridge vlan add|del …` and the legacy `brctl`. */
import type { Device } from '../../model/types';
import { matches, onOff, parseUint } from './args';
import { linkAdd } from './link-add';
import { removeDevice } from './link';
import { applyBridgeOptions, applyPortOptions } from './link-type-options';
import { enslave } from './link-settings';
import { defaultPortVlans, leaveBridge } from './kernel';
import type { ImportState, Scope } from './state';
import { vxlanFdb } from './vxlan';

/** `bridge OBJECT COMMAND …` in `scope`. */
export function bridgeCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  const args = argv.filter((a, i) => !(a.startsWith('-') && i === 0 && a !== '-'));
  const [obj, cmd, ...rest] = args;
  if (obj === undefined) return st.fail('Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }');
  if (matches(obj, 'link')) {
    if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) {
      st.info('"bridge link show" only displays; nothing to import');
      return true;
    }
    if (!matches(cmd, 'set')) return st.fail(`Command "${cmd}" is unknown, try "bridge link help".`);
    let name: string | undefined;
    const opts: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === 'dev') name = rest[++i];
      else opts.push(rest[i]);
    }
    const dev = st.needDevice(scope, name);
    if (!dev) return false;
    return applyPortOptions(st, scope.host, dev, opts);
  }
  if (matches(obj, 'vlan')) return bridgeVlan(st, scope, cmd, rest);
  if (matches(obj, 'fdb') || matches(obj, 'mdb')) {
    if (cmd === undefined || matches(cmd, 'show')) { st.info(`"bridge ${obj}" only displays; nothing to import`); return true; }
    const vx = matches(obj, 'fdb') ? vxlanFdb(st, scope, cmd, rest) : undefined;
    if (vx !== undefined) return vx;
    st.warn(`static bridge ${obj} entries are not modelled; ignored`);
    return true;
  }
  st.warn(`"bridge ${obj}" is not modelled; ignored`);
  return true;
}

function bridgeVlan(st: ImportState, scope: Scope, cmd: string | undefined, rest: string[]): boolean {
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list')) {
    st.info('"bridge vlan show" only displays; nothing to import');
    return true;
  }
  let name: string | undefined;
  let vidText: string | undefined;
  let pvid = false;
  let untagged = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'dev') name = rest[++i];
    else if (w === 'vid') vidText = rest[++i];
    else if (w === 'pvid') pvid = true;
    else if (w === 'untagged') untagged = true;
    else if (w === 'self' || w === 'master') continue;
    else if (w === 'tunnel_info') i++;
    else st.warn(`bridge vlan option "${w}" is not modelled; ignored`);
  }
  if (name === undefined || vidText === undefined) return st.fail('Device and VLAN ID are required arguments.');
  const dev = st.needDevice(scope, name);
  if (!dev) return false;
  const m = /^(\d+)(?:-(\d+))?$/.exec(vidText);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m?.[2] ? Number(m[2]) : lo;
  if (!m || lo < 1 || hi > 4094 || hi < lo) return st.fail(`Error: argument "${vidText}" is wrong: invalid VLAN id`);
  if (dev.kind === 'bridge') {
    st.warn('VLANs on the bridge device itself ("self") are not modelled; ignored');
    return true;
  }
  if (!dev.master) return st.fail('RTNETLINK answers: Operation not supported');
  const br = scope.host.devices.find((d) => d.id === dev.master);
  if (br?.kind === 'bridge' && !br.vlanFiltering) st.warn(`VLANs are kept for ${dev.name}, but they have no effect while ${br.name} has vlan_filtering off`);
  const port = (dev.port ??= {});
  const vlans = (port.vlans ??= br ? defaultPortVlans(br) : []);
  if (matches(cmd, 'add')) {
    for (let v = lo; v <= hi; v++) {
      if (pvid) for (const e of vlans) delete e.pvid;
      const entry: { vid: number; pvid?: boolean; untagged?: boolean } = { vid: v };
      if (pvid) entry.pvid = true;
      if (untagged) entry.untagged = true;
      const k = vlans.findIndex((e) => e.vid === v);
      if (k >= 0) vlans.splice(k, 1, entry); else vlans.push(entry);
    }
  } else if (matches(cmd, 'delete')) {
    port.vlans = vlans.filter((e) => e.vid < lo || e.vid > hi);
  } else return st.fail(`Command "${cmd}" is unknown, try "bridge vlan help".`);
  st.touch(dev.id);
  return true;
}

/** `brctl addbr|delbr|addif|delif|hairpin|stp|setageing|setfd|show`. */
export function brctlCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, a, b, c] = argv;
  const bridge = (name: string | undefined): Device | undefined => {
    const d = name === undefined ? undefined : st.device(scope, name);
    if (!d || d.kind !== 'bridge') {
      st.fail(`bridge ${name ?? ''} does not exist!`, 'no-such-device');
      return undefined;
    }
    return d;
  };
  switch (cmd) {
    case undefined: case 'show': case 'showmacs': case 'showstp':
      st.info('"brctl show" only displays; nothing to import');
      return true;
    case 'addbr':
      if (a === undefined) return st.fail('Incorrect number of arguments for command');
      if (st.device(scope, a)) return st.fail(`device ${a} already exists; can't create bridge with the same name`, 'exists');
      return linkAdd(st, scope, [a, 'type', 'bridge']);
    case 'delbr': {
      const br = bridge(a);
      if (!br) return false;
      if (br.up) return st.fail(`bridge ${a} is still up; can't delete it`, 'busy');
      return removeDevice(st, scope, br);
    }
    case 'addif': {
      const br = bridge(a);
      if (!br) return false;
      const dev = b === undefined ? undefined : st.device(scope, b);
      if (!dev) return st.fail(`interface ${b ?? ''} does not exist!`, 'no-such-device');
      if (dev.master && dev.master !== br.id) return st.fail(`device ${b} is already a member of a bridge; can't enslave it to bridge ${a}.`, 'busy');
      return enslave(st, scope, dev, br.name);
    }
    case 'delif': {
      const br = bridge(a);
      if (!br) return false;
      const dev = b === undefined ? undefined : st.device(scope, b);
      if (!dev) return st.fail(`interface ${b ?? ''} does not exist!`, 'no-such-device');
      if (dev.master !== br.id) return st.fail(`device ${b} is not a slave of ${a}`);
      leaveBridge(dev);
      st.touch(dev.id);
      return true;
    }
    case 'hairpin': {
      const br = bridge(a);
      if (!br) return false;
      const dev = b === undefined ? undefined : st.device(scope, b);
      if (!dev) return st.fail(`interface ${b ?? ''} does not exist!`, 'no-such-device');
      if (dev.master !== br.id) return st.fail(`device ${b} is not a port of ${a}`);
      const on = onOff(c);
      if (on === undefined) return st.fail(`expect on/off for argument`);
      return applyPortOptions(st, scope.host, dev, ['hairpin', on ? 'on' : 'off']);
    }
    case 'stp': {
      const br = bridge(a);
      if (!br) return false;
      const on = onOff(b);
      if (on === undefined) return st.fail(`expect on/off for argument`);
      return applyBridgeOptions(st, br, ['stp_state', on ? '1' : '0']);
    }
    case 'setageing': case 'setfd': {
      const br = bridge(a);
      if (!br) return false;
      const secs = Number(b);
      if (b === undefined || !Number.isFinite(secs) || secs < 0) return st.fail(`bad ${cmd === 'setfd' ? 'forward delay' : 'ageing time'} value`);
      return applyBridgeOptions(st, br, [cmd === 'setfd' ? 'forward_delay' : 'ageing_time', String(Math.round(secs * 100))]);
    }
    default:
      if (parseUint(cmd) !== undefined || cmd.startsWith('set')) {
        st.warn(`"brctl ${cmd}" is not modelled; ignored`);
        return true;
      }
      return st.fail(`never heard of command [${cmd}]`, 'unknown-command');
  }
}
