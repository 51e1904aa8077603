/**
 * A light, line-at-a-time colouring of shell commands: comments, the command word, options,
 * addresses and the `ip` grammar's keywords. Cheap enough to run on every line of a large
 * script; it never needs to be right about shell syntax, only helpful to the eye.
 */

export type TokenClass = 'comment' | 'command' | 'keyword' | 'option' | 'address' | 'text';
export interface Token { text: string; cls: TokenClass }

const COMMANDS = new Set(['ip', 'bridge', 'sysctl', 'iptables', 'brctl', 'echo', 'set', 'tc', 'ethtool']);
const KEYWORDS = new Set([
  'link', 'addr', 'address', 'route', 'neigh', 'netns', 'add', 'del', 'delete', 'set', 'exec', 'dev', 'type', 'peer',
  'name', 'master', 'nomaster', 'mode', 'up', 'down', 'via', 'default', 'lladdr', 'vlan', 'id', 'hairpin', 'on', 'off',
  'macvlan', 'macvtap', 'ipvlan', 'veth', 'bridge', 'dummy', 'vxlan', 'tuntap', 'tap', 'tun', 'private', 'vepa', 'passthru', 'source',
  'l2', 'l3', 'l3s', 'promisc', 'mtu', 'src', 'metric', 'scope', 'proto', 'nud', 'permanent', 'flush',
]);
const ADDRESS = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$|^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/;

/** Splits one script line into coloured tokens (whitespace kept as plain text). */
export function highlightLine(line: string): Token[] {
  const m = /(^|\s)#/.exec(line);
  const hash = m ? m.index + m[1].length : -1;
  const code = hash < 0 ? line : line.slice(0, hash);
  const comment = hash < 0 ? '' : line.slice(hash);
  const out: Token[] = [];
  let first = true;
  for (const part of code.split(/(\s+)/)) {
    if (!part) continue;
    if (/^\s+$/.test(part)) { out.push({ text: part, cls: 'text' }); continue; }
    let cls: TokenClass = 'text';
    // exported scripts single-quote every value
    const bare = part.replace(/^'(.*)'$/, '$1');
    if (first && COMMANDS.has(part)) cls = 'command';
    else if (part.startsWith('-')) cls = 'option';
    else if (ADDRESS.test(bare)) cls = 'address';
    else if (KEYWORDS.has(part)) cls = 'keyword';
    if (part !== 'sudo') first = false;
    out.push({ text: part, cls });
  }
  if (comment) out.push({ text: comment, cls: 'comment' });
  return out;
}
