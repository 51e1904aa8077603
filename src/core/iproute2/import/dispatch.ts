/**
 * Which command family handles a command line, after the wrappers people put in front
 * (`sudo`, `time`, `env`). Commands that only look at things are informational; tools
 * that change something vnetlab does not model are warned about; neither fails.
 */
import { bridgeCommand, brctlCommand } from './bridge';
import { ipCommand } from './ip';
import { batchOf, runBatch } from './ip-batch';
import { iptablesCommand } from './iptables';
import { ifconfigCommand, routeCommand } from './legacy';
import { ncCommand, tracerouteCommand } from './transport';
import { arpCommand, arpingCommand, neverEnding, pingCommand, type ProbeOutcome } from './probes';
import { ipQuery } from './queries';
import { builtinNames } from './shell/builtins';
import type { Shell } from './shell/interp';
import type { ImportState, Scope } from './state';
import { sysctlCommand } from './sysctl';

/** How the interpreter runs a command: its input and output, and the shell behind it. */
export interface CommandContext {
  /** Text on the command's standard input (a pipe or here-document). */
  stdin?: string;
  /** Where the command's standard output goes (captured by `$(…)`, pipes, redirections). */
  out?: (text: string) => void;
  /** The command is tested (`if`, `&&`, `||`, `!`): a refusal is expected, not an error. */
  checked?: boolean;
  /** The interpreter, for `sh -c '…'`, `bash FILE`, and builtins run by `ip netns exec`/`sudo`. */
  shell?: Shell<Scope>;
  /** Decides a probe's exit status (see `ProbeOutcome`). */
  probe?: ProbeOutcome;
}

/** iproute2 exits 2 when the kernel refused a request, 1 for its own checks (a missing device). */
function statusOf(st: ImportState, ok: boolean, before: number): number {
  if (ok) return 0;
  const refused = st.diagnostics.slice(before).some((d) => d.level === 'error' && /^(RTNETLINK answers|Error:)/.test(d.message));
  return refused ? 2 : 1;
}

const LOOK_ONLY = new Set(['traceroute', 'tracepath', 'mtr', 'less', 'more', 'head', 'tail', 'grep', 'ls', 'ss', 'netstat', 'lsmod', 'dmesg', 'watch', 'clear', 'history', 'hostname', 'uname', 'date', 'pwd', 'nc', 'ncat', 'curl', 'wget', 'ssh', 'telnet', 'man', 'which', 'type', 'lspci', 'lsns', 'nsenter', 'logout', 'iptables-save', 'ip6tables-save', 'su', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'chmod', 'vi', 'vim', 'nano', 'apt', 'apt-get', 'yum', 'dnf', 'pip']);
const CHANGES_UNMODELLED = new Set(['docker', 'podman', 'kubectl', 'rmmod', 'systemctl', 'service', 'nmcli', 'ovs-vsctl', 'ovs-ofctl', 'tc', 'ip6tables', 'nft', 'ebtables', 'arptables', 'iptables-restore', 'vconfig', 'dhclient', 'udhcpc', 'ethtool', 'brctl6', 'netplan', 'ifup', 'ifdown', 'wg', 'openvpn', 'qemu-system-x86_64', 'virsh', 'dnsmasq', 'conntrack']);

/** Runs one command line in `scope`; returns its exit status as a shell would see it. */
export function dispatch(st: ImportState, scope: Scope, argv: string[], ctx: CommandContext = {}): number {
  let words = argv;
  // Wrappers: `sudo [-E] [-u root]`, `time`, `command`, `exec`, `env A=B`, `nohup`.
  for (;;) {
    const w = words[0];
    if (w === 'sudo') {
      let k = 1;
      while (k < words.length && words[k].startsWith('-')) k += ['-u', '-g', '-h', '-p', '-C'].includes(words[k]) ? 2 : 1;
      words = words.slice(k);
    } else if (w === 'time' || w === 'command' || w === 'exec' || w === 'nohup' || w === 'builtin' || w === 'timeout' && /^\d/.test(words[1] ?? '')) words = words.slice(w === 'timeout' ? 2 : 1);
    else if (w === 'env') { let k = 1; while (k < words.length && words[k].includes('=')) k++; words = words.slice(k); }
    else break;
  }
  if (!words.length) return 0;
  const name = words[0].replace(/^.*\//, '');
  const rest = words.slice(1);
  const before = st.diagnostics.length;
  const io = { scope, stdin: ctx.stdin ?? '', out: (t: string) => ctx.out?.(t), checked: !!ctx.checked };
  switch (name) {
    case 'ip': {
      if (rest[0] === 'monitor' && neverEnding(st, 'ip', rest)) return 0;
      const batch = batchOf(rest);
      if (batch) {
        const text = batch.file === '-' ? io.stdin : ctx.shell?.findFile(batch.file)?.[1];
        return runBatch(st, batch, text, (line) => dispatch(st, scope, ['ip', ...line], { ...ctx, stdin: '' }));
      }
      const q = ipQuery(st, scope, rest, { out: (t) => ctx.out?.(t) });
      if (q !== undefined) return q;
      // `ip netns exec NS …` is a wrapper; the command it runs counts for itself.
      if (!(rest.includes('netns') && rest.includes('exec'))) st.configSteps++;
      return statusOf(st, ipCommand(st, scope, rest, (s, cmd) => dispatch(st, s, cmd, { ...ctx, checked: ctx.checked }) === 0), before);
    }
    case 'tunctl': {
      st.configSteps++;
      const d = rest.indexOf('-d');
      const t = rest.indexOf('-t');
      const line = d >= 0 ? ['tuntap', 'del', rest[d + 1] ?? '', 'mode', 'tap'] : ['tuntap', 'add', ...(t >= 0 ? [rest[t + 1] ?? ''] : []), 'mode', 'tap'];
      return statusOf(st, ipCommand(st, scope, line, () => false), before);
    }
    case 'bridge': st.configSteps++; return statusOf(st, bridgeCommand(st, scope, rest), before);
    case 'brctl': st.configSteps++; return statusOf(st, brctlCommand(st, scope, rest), before);
    case 'sysctl': st.configSteps++; return statusOf(st, sysctlCommand(st, scope, rest), before);
    case 'iptables': case 'iptables-legacy': case 'iptables-nft': st.configSteps++; return statusOf(st, iptablesCommand(st, scope, rest), before);
    case 'ifconfig': st.configSteps++; return statusOf(st, ifconfigCommand(st, scope, rest), before);
    case 'route': st.configSteps++; return statusOf(st, routeCommand(st, scope, rest), before);
    case 'ping': case 'ping6': return pingCommand(st, scope, name, rest, ctx.probe);
    case 'arping': return arpingCommand(st, scope, rest, ctx.probe);
    case 'nc': case 'netcat': case 'nc.openbsd': return ncCommand(st, scope, rest, ctx.probe);
    case 'traceroute': return tracerouteCommand(st, scope, rest, ctx.probe);
    case 'arp': return arpCommand(st, scope, rest, (cmd) => ipCommand(st, scope, ['neigh', ...cmd], () => false));
    case 'bash': case 'sh': case 'dash': case 'zsh': {
      const c = rest.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
      if (c >= 0 && rest[c + 1] !== undefined && ctx.shell) return ctx.shell.runChild(rest[c + 1], scope, io, rest.slice(c + 2));
      const file = rest.find((a) => !a.startsWith('-'));
      if (file !== undefined && ctx.shell) {
        const status = ctx.shell.runFile(file, rest.slice(rest.indexOf(file) + 1), scope, io);
        if (status !== undefined) return status;
        st.warn(`"${file}" was not given with the script (add it as a companion file); not run`, 'missing-source');
        return 0;
      }
      st.info(`"${name}" without a script starts an interactive shell, which never returns; noted, not run`, 'never-ends');
      return 0;
    }
    case 'modprobe': case 'insmod':
      st.info(`"${name}" loads a kernel module; vnetlab's kernel has every module it models`, 'not-config');
      return 0;
  }
  if (neverEnding(st, name, rest)) return 0;
  // `ip netns exec NS echo …`, `sudo tee …`: the shell's builtins stand in for the programs.
  if (ctx.shell && builtinNames.has(name)) return ctx.shell.runExternal([name, ...rest], scope, io);
  if (ctx.shell && /[/.]/.test(words[0])) {
    const status = ctx.shell.runFile(words[0], rest, scope, io);
    if (status !== undefined) return status;
  }
  if (CHANGES_UNMODELLED.has(name)) {
    st.warn(`"${name}" changes things vnetlab does not model; ignored`, 'unmodelled-command');
    return 0;
  }
  if (LOOK_ONLY.has(name)) {
    st.info(`"${name}" does not configure the network; skipped`, 'not-config');
    return 0;
  }
  st.warn(`"${clip(name)}" is not a command vnetlab knows; skipped`, 'unknown-command');
  return 0;
}

function clip(s: string): string {
  const safe = s.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return safe.length > 30 ? `${safe.slice(0, 27)}...` : safe;
}
