/**
 * Which command family handles a command line, after the wrappers people put in front
 * (`sudo`, `time`, `env`). Commands that only look at things are informational; tools
 * that change something vnetlab does not model are warned about; neither fails.
 */
import { bridgeCommand, brctlCommand } from './bridge';
import { ipCommand } from './ip';
import { iptablesCommand } from './iptables';
import { ifconfigCommand, routeCommand } from './legacy';
import type { ImportState, Scope } from './state';
import { sysctlCommand, writeSysctl } from './sysctl';

/** What the command line redirected or piped into, for `echo 1 > /proc/sys/…`. */
export interface CommandContext {
  /** Target of a `>`/`>>` output redirection, if any. */
  redirectTo?: string;
  /** The command lines this one pipes into. */
  pipeTo?: string[][];
}

const LOOK_ONLY = new Set(['ping', 'ping6', 'arping', 'tcpdump', 'tshark', 'traceroute', 'tracepath', 'mtr', 'cat', 'less', 'more', 'head', 'tail', 'grep', 'ls', 'ss', 'netstat', 'arp', 'lsmod', 'dmesg', 'watch', 'sleep', 'clear', 'history', 'whoami', 'id', 'hostname', 'uname', 'date', 'pwd', 'nc', 'ncat', 'curl', 'wget', 'ssh', 'telnet', 'man', 'which', 'type', 'lspci', 'lsns', 'nsenter', 'read', 'wait', 'cd', 'exit', 'logout', 'printf', 'iptables-save', 'ip6tables-save', 'su', 'tee', 'source', '.', 'export', 'unset', 'shopt', 'trap', 'alias', 'local', 'declare', 'return', 'shift', ':', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'chmod', 'vi', 'vim', 'nano', 'apt', 'apt-get', 'yum', 'dnf', 'pip', 'true', 'false']);
const CHANGES_UNMODELLED = new Set(['docker', 'podman', 'kubectl', 'modprobe', 'rmmod', 'insmod', 'systemctl', 'service', 'nmcli', 'ovs-vsctl', 'ovs-ofctl', 'tc', 'ip6tables', 'nft', 'ebtables', 'arptables', 'iptables-restore', 'tunctl', 'vconfig', 'dhclient', 'udhcpc', 'ethtool', 'brctl6', 'netplan', 'ifup', 'ifdown', 'wg', 'openvpn', 'qemu-system-x86_64', 'virsh', 'dnsmasq', 'conntrack']);

/** Runs one command line in `scope`; returns its success as a shell would see it. */
export function dispatch(st: ImportState, scope: Scope, argv: string[], ctx: CommandContext = {}): boolean {
  let words = argv;
  // Wrappers: `sudo [-E] [-u root]`, `time`, `command`, `exec`, `env A=B`, `nohup`.
  for (;;) {
    const w = words[0];
    if (w === 'sudo') {
      let k = 1;
      while (k < words.length && words[k].startsWith('-')) k += ['-u', '-g', '-h', '-p', '-C'].includes(words[k]) ? 2 : 1;
      words = words.slice(k);
    } else if (w === 'time' || w === 'command' || w === 'exec' || w === 'nohup' || w === 'builtin') words = words.slice(1);
    else if (w === 'env') { let k = 1; while (k < words.length && words[k].includes('=')) k++; words = words.slice(k); }
    else break;
  }
  if (!words.length) return true;
  const name = words[0].replace(/^.*\//, '');
  const rest = words.slice(1);
  switch (name) {
    case 'ip': return ipCommand(st, scope, rest, (s, cmd) => dispatch(st, s, cmd, ctx));
    case 'bridge': return bridgeCommand(st, scope, rest);
    case 'brctl': return brctlCommand(st, scope, rest);
    case 'sysctl': return sysctlCommand(st, scope, rest);
    case 'iptables': case 'iptables-legacy': case 'iptables-nft': return iptablesCommand(st, scope, rest);
    case 'ifconfig': return ifconfigCommand(st, scope, rest);
    case 'route': return routeCommand(st, scope, rest);
    case 'echo': return echoCommand(st, scope, rest, ctx);
    case 'bash': case 'sh': case 'dash': case 'zsh': {
      const c = rest.indexOf('-c');
      if (c >= 0 && rest[c + 1] !== undefined && st.subshell) return st.subshell(scope, rest[c + 1]);
      st.info(`"${name}" without -c starts an interactive shell; nothing to import`, 'not-config');
      return true;
    }
    case 'set':
      if (rest.includes('-e') || rest.some((a, k) => a === '-o' && rest[k + 1] === 'errexit') || /^-[a-z]*e/.test(rest[0] ?? '')) {
        st.info('"set -e": a real shell stops at the first failing command; the importer goes on and reports every refusal');
      }
      return true;
    case 'true': case ':': return true;
    case 'false': return false;
  }
  if (CHANGES_UNMODELLED.has(name)) {
    st.warn(`"${name}" changes things vnetlab does not model; ignored`, 'unmodelled-command');
    return true;
  }
  if (LOOK_ONLY.has(name)) {
    st.info(`"${name}" does not configure the network; skipped`, 'not-config');
    return true;
  }
  st.warn(`"${clip(name)}" is not a command vnetlab knows; skipped`, 'unknown-command');
  return true;
}

function clip(s: string): string {
  const safe = s.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return safe.length > 30 ? `${safe.slice(0, 27)}...` : safe;
}

/** `echo V > /proc/sys/…` or `echo V | tee /proc/sys/…` is a sysctl write; other echoes print. */
function echoCommand(st: ImportState, scope: Scope, argv: string[], ctx: CommandContext): boolean {
  const text = argv.filter((a) => !/^-[neE]+$/.test(a)).join(' ');
  let target = ctx.redirectTo;
  const tee = ctx.pipeTo?.find((p) => p.filter((w) => w !== 'sudo')[0] === 'tee');
  if (!target && tee) target = tee.filter((w) => w !== 'sudo' && !w.startsWith('-'))[1];
  if (target?.startsWith('/proc/sys/')) return writeSysctl(st, scope, target, text, 'proc');
  if (target?.startsWith('/sys/class/net/')) {
    st.warn(`writing ${target} is not modelled; ignored`);
    return true;
  }
  st.info('echo prints text; nothing to import', 'not-config');
  return true;
}
