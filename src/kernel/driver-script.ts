/**
 * The bash program that runs one case inside a sandbox (see sandbox.ts), doing what the
 * conformance harness's `inner` does (shared/conformance/lib/oracle.py): check it is really
 * sandboxed, private sysfs and /run/netns, build the physical world, run the design script
 * without `set -e` (recording failed lines), settle, start captures, run the probes one by
 * one, stop the captures, dump the kernel's state. It only records raw outputs into the
 * results folder; parsing happens outside the sandbox (observation.ts), so the part running
 * as root in the sandbox stays small.
 */
import { shq } from '../core/iproute2/export/shell-quote';
import type { CaptureSpec, Probe } from '../core/world/probes';
import { PING_WAIT_SECONDS } from '../core/world/probes';
import { transportArgv, transportTimeout } from './transport-argv';

/** Seconds the design script may run. */
export const SETUP_TIMEOUT = 60;
/** Seconds between the end of the script and the first probe (link events are asynchronous). */
export const SETTLE_SECONDS = 1.5;
/** Seconds any single harness command may run. */
export const COMMAND_TIMEOUT = 20;

export interface DriverPlan {
  /** Bash lines that build the physical world (sandboxWorldCommands). */
  worldCommands: string[];
  /**
   * Multiplies the harness's own budgets (the setup's limit and each world command's), which
   * only bound a runaway script; a slow guest under TCG passes more than 1. Probe timings
   * (ping -W, waits) are never scaled: they are part of what is measured.
   */
  budgetScale?: number;
  /** Absolute path of the design script (sourced by bash). */
  scriptPath: string;
  /** Working directory of the design script. */
  scriptCwd: string;
  probes: Probe[];
  captures: CaptureSpec[];
  /** Absolute path of the results folder (visible outside the sandbox). */
  outDir: string;
}

/** The command `bash` sources the script with; its own ERR trap entry is not a script failure. */
export function sourceCommand(scriptPath: string): string {
  return `. ${shq(scriptPath)}`;
}

/** `timeout`-bounded argv text, run in namespace `ns` (`host` = the sandbox's own). */
function inNs(ns: string, seconds: number, argv: string[]): string {
  const pre = ns === 'host' ? [] : ['ip', 'netns', 'exec', shq(ns)];
  return ['timeout', '--kill-after=2', String(seconds), ...pre, ...argv].join(' ');
}

/** The ping command line the harness runs for a probe (options in its order). */
export function pingArgv(p: Extract<Probe, { kind: 'ping' }>): string[] {
  const argv = ['ping', '-n', '-c', String(p.count), '-W', String(p.wait)];
  if (p.iface !== undefined) argv.push('-I', shq(p.iface));
  if (p.src !== undefined) argv.push('-I', shq(p.src));
  if (p.count !== 1) argv.push('-i', '0.5');
  argv.push(shq(p.dst));
  return argv;
}

/** Seconds a ping probe may take before `timeout` stops it (harness formula). */
export function pingTimeout(p: Extract<Probe, { kind: 'ping' }>): number {
  return Math.trunc((p.wait ?? PING_WAIT_SECONDS) + Math.trunc(p.count) * 1.0 + 5);
}

/** The whole driver program (bash). Environment: VNETLAB_ROOT_NETNS, VNETLAB_ROOT_MNTNS. */
export function driverScript(plan: DriverPlan): string {
  const out = shq(plan.outDir);
  const L: string[] = [];
  L.push(
    '#!/bin/bash',
    'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH',
    'export LC_ALL=C',
    `OUT=${out}`,
    'die() { echo "sandbox: $*" >&2; exit 3; }',
    'now() { date +%s.%N; }',
    // refuse to touch anything unless this really is a private network + mount namespace
    '[ -n "${VNETLAB_ROOT_NETNS:-}" ] && [ -n "${VNETLAB_ROOT_MNTNS:-}" ] || die "refusing to run: root namespace ids not given"',
    '[ "$(stat -L -c %i /proc/self/ns/net)" != "$VNETLAB_ROOT_NETNS" ] || die "refusing to run: still in the root network namespace"',
    '[ "$(stat -L -c %i /proc/self/ns/mnt)" != "$VNETLAB_ROOT_MNTNS" ] || die "refusing to run: still in the root mount namespace"',
    // a sysfs showing this sandbox's devices: brctl and friends write /sys/class/net/...
    'timeout 10 mount -t sysfs vnetlab-sysfs /sys || die "cannot mount a private sysfs"',
    // devices are symlinks there (the bonding module adds a bonding_masters file to every namespace)
    '[ "$(find /sys/class/net -mindepth 1 -maxdepth 1 -type l -printf \'%f\\n\')" = "lo" ] || die "sysfs remount did not take effect"',
    'mkdir -p /run/netns || die "cannot create /run/netns"',
    'timeout 10 mount -t tmpfs -o size=1m vnetlab-netns /run/netns || die "cannot mount a private /run/netns"',
    '[ -z "$(ip netns list)" ] || die "fresh /run/netns is not empty"',
    // the host is a normal machine: its loopback is up
    `${inNs('host', COMMAND_TIMEOUT, ['ip', 'link', 'set', 'lo', 'up'])} || die "cannot bring lo up"`,
    't0=$(now)',
  );
  const scale = Math.max(1, plan.budgetScale ?? 1);
  for (const cmd of plan.worldCommands) {
    L.push(`timeout --kill-after=2 ${Math.round(COMMAND_TIMEOUT * scale)} ${cmd} 2>>"$OUT/world.err" || die ${shq(`world: command failed: ${cmd}`)}`);
  }
  // the design script, sourced by a fresh bash without set -e; failed commands are logged
  const trap = `trap '__rc=$?; printf "%s\\t%s\\t%s\\n" "$LINENO" "$__rc" "$BASH_COMMAND" >> "$VNETLAB_ERRLOG"' ERR`;
  const setup = `${trap}\n${sourceCommand(plan.scriptPath)}\n`;
  L.push(
    ': > "$OUT/errlog.tsv"',
    `( cd ${shq(plan.scriptCwd)} && VNETLAB_ERRLOG="$OUT/errlog.tsv" exec timeout --kill-after=2 ${Math.round(SETUP_TIMEOUT * scale)} bash --norc --noprofile -c ${shq(setup)} ) </dev/null >"$OUT/setup.out" 2>"$OUT/setup.err"`,
    'echo $? > "$OUT/setup.rc"',
    `sleep ${SETTLE_SECONDS}`,
  );
  plan.captures.forEach((c, i) => {
    const argv = ['tcpdump', '-p', '-n', '-U', '--immediate-mode', '-s', '256', '-Z', 'root', '-i', shq(c.dev), '-w', `"$OUT/cap${i}.pcap"`];
    const pre = c.ns === 'host' ? '' : `ip netns exec ${shq(c.ns)} `;
    L.push(
      `${pre}${argv.join(' ')} </dev/null >/dev/null 2>"$OUT/cap${i}.err" &`,
      `cap${i}=$!`,
      // wait (up to 5 s) until tcpdump listens, or note that it exited
      `for _ in $(seq 250); do grep -q "listening on" "$OUT/cap${i}.err" 2>/dev/null && break; kill -0 $cap${i} 2>/dev/null || break; sleep 0.02; done`,
      `if kill -0 $cap${i} 2>/dev/null; then echo running > "$OUT/cap${i}.state"; else wait $cap${i}; echo "exited $?" > "$OUT/cap${i}.state"; fi`,
    );
  });
  L.push('sleep 0.1');
  plan.probes.forEach((p, i) => {
    L.push(`now >> "$OUT/windows"`);
    const cmd = p.kind === 'ping'
      ? inNs(p.ns, pingTimeout(p), pingArgv(p))
      : p.kind === 'arping'
        ? inNs(p.ns, 10, ['arping', '-c', '1', '-w', String(p.wait), '-i', shq(p.dev), shq(p.dst)])
        : inNs(p.ns, transportTimeout(p), transportArgv(p));
    L.push(`${cmd} </dev/null >"$OUT/probe${i}.out" 2>"$OUT/probe${i}.err"; echo $? > "$OUT/probe${i}.rc"`);
  });
  L.push('sleep 0.3');
  plan.captures.forEach((_, i) => {
    L.push(
      `if [ "$(cat "$OUT/cap${i}.state")" = running ]; then kill -TERM $cap${i} 2>/dev/null;`
        + ` for _ in $(seq 100); do kill -0 $cap${i} 2>/dev/null || break; sleep 0.05; done;`
        + ` kill -KILL $cap${i} 2>/dev/null; wait $cap${i} 2>/dev/null; fi`,
    );
  });
  // the kernel's state: every namespace (harness ones too: their MACs label frames)
  L.push(
    `{ echo host; ${inNs('host', COMMAND_TIMEOUT, ['ip', 'netns', 'list'])} | awk 'NF {print $1}' | sort; } > "$OUT/ns.txt"`,
    'i=0',
    'while read -r ns; do',
    '  x() { if [ "$ns" = host ]; then timeout --kill-after=2 20 "$@"; else timeout --kill-after=2 20 ip netns exec "$ns" "$@"; fi; }',
    '  x ip -d -j link show > "$OUT/s$i.link" 2>/dev/null || rm -f "$OUT/s$i.link"',
    '  x ip -4 -j addr show > "$OUT/s$i.addr" 2>/dev/null || rm -f "$OUT/s$i.addr"',
    '  x ip -4 -j neigh show > "$OUT/s$i.neigh" 2>/dev/null || rm -f "$OUT/s$i.neigh"',
    '  x ip -4 route show > "$OUT/s$i.route" 2>/dev/null',
    '  x bridge -j fdb show > "$OUT/s$i.fdb" 2>/dev/null || rm -f "$OUT/s$i.fdb"',
    '  i=$((i+1))',
    'done < "$OUT/ns.txt"',
    'uname -r > "$OUT/kernel.txt"',
    'echo "$t0 $(now)" > "$OUT/times"',
    'echo done > "$OUT/complete"',
  );
  return L.join('\n') + '\n';
}
