/**
 * Parses the arguments of `ip link add|set|delete` the way iproute2's `iplink_parse` does:
 * generic attributes first, then `type KIND` and the kind's own options.
 */
import { interfaceNameProblem } from '../../model/names';
import { Args, matches } from './args';
import type { ImportState } from './state';

export interface LinkRequest {
  /** `dev X` or the bare word: the device to change (set/del) or the name (add). */
  dev?: string;
  /** `name X`: the new name (add) or a rename (set). */
  name?: string;
  link?: string;
  up?: boolean;
  address?: string;
  mtu?: string;
  netns?: string;
  alias?: string;
  master?: string;
  nomaster?: boolean;
  promisc?: boolean;
  type?: string;
  /** The kind's own options, unparsed (`mode bridge`, `id 10`, `peer name X …`). */
  typeArgs: string[];
  /** Generic options that are accepted but not modelled (`txqueuelen 1000`, `arp off`). */
  ignored: string[];
  /** Set when iproute2 itself would refuse the arguments. */
  error?: string;
}

const TAKES_VALUE = new Set(['txqueuelen', 'txqlen', 'qlen', 'group', 'numtxqueues', 'numrxqueues', 'gso_max_size', 'gso_max_segs', 'gro_max_size', 'index', 'protodown', 'protodown_reason', 'arp', 'multicast', 'allmulticast', 'dynamic', 'trailers', 'carrier', 'vf', 'xdp', 'addrgenmode', 'link-netnsid', 'link-netns', 'broadcast', 'brd', 'mtu_min', 'mtu_max', 'ifalias', 'state', 'alt_name', 'altname']);

/** Parses `ip link` arguments up to and including the `type` options. */
export function parseLinkArgs(argv: string[]): LinkRequest {
  const a = new Args(argv);
  const r: LinkRequest = { typeArgs: [], ignored: [] };
  const value = (): string | undefined => {
    const v = a.next();
    if (v === undefined) r.error ??= 'Command line is not complete. Try option "help"';
    return v;
  };
  while (!a.done) {
    const w = a.next()!;
    if (w === 'up') r.up = true;
    else if (w === 'down') r.up = false;
    else if (w === 'name') r.name = value();
    else if (w === 'dev') {
      const v = value();
      if (r.dev !== undefined) r.error ??= `Error: either "dev" is duplicate, or "${v}" is a garbage.`;
      r.dev = v;
    } else if (w === 'link') r.link = value();
    else if (matches(w, 'address') && w.length >= 4) r.address = value();
    else if (w === 'mtu') r.mtu = value();
    else if (w === 'netns') r.netns = value();
    else if (w === 'alias') r.alias = value();
    else if (w === 'master') r.master = value();
    else if (w === 'nomaster') r.nomaster = true;
    else if (w === 'promisc') {
      const v = value();
      if (v === 'on') r.promisc = true;
      else if (v === 'off') r.promisc = false;
      else r.error ??= `Error: argument of "promisc" must be "on" or "off", not "${v}"`;
    } else if (w === 'type') {
      r.type = value();
      r.typeArgs = a.rest();
    } else if (TAKES_VALUE.has(w)) {
      r.ignored.push(w, a.next() ?? '');
    } else if (w === 'help') {
      r.error ??= 'help';
    } else {
      if (r.dev !== undefined) {
        r.error ??= `Error: either "dev" is duplicate, or "${w}" is a garbage.`;
        continue;
      }
      r.dev = w;
    }
  }
  return r;
}

/** Checks a new interface name the way iproute2 and the kernel do. */
export function nameRefused(st: ImportState, name: string): boolean {
  const problem = interfaceNameProblem(name);
  if (!problem) return false;
  st.fail(`Error: argument "${name}" is wrong: "name" not a valid ifname (${problem})`, 'invalid-name');
  return true;
}

