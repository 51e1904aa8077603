/**
 * The same ping matrix on the real kernel (root only), in a throw-away sandbox
 * (src/kernel/sandbox.ts): the bench design's script builds N namespaces on a bridge, then
 * each sampled source pings every other namespace, all its pings at once (one `ping -c 1`
 * process each, as a person would). Process start-up is measured apart: the same processes
 * started the same way, but running `ping -V` (start, print the version, exit: no socket,
 * no packet). Packet time is the rest.
 */
import { runInSandbox } from '../src/kernel/sandbox';
import { addressOf, bridgedNamespacesScript } from './generate';
import { sourcesOf } from './matrix';

export interface KernelMatrix {
  /** Building the namespaces, seconds. */
  buildSeconds: number;
  /** All pings of the sampled sources, seconds. */
  pingSeconds: number;
  /** The same number of `ping -V` processes, seconds. */
  startupSeconds: number;
  pings: number;
  ok: number;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function program(n: number, sources: number): string {
  const L = [
    'export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C',
    'die() { echo "bench sandbox: $*" >&2; exit 3; }',
    // never touch the machine's own namespaces
    '[ -n "${VNETLAB_ROOT_NETNS:-}" ] && [ "$(stat -L -c %i /proc/self/ns/net)" != "$VNETLAB_ROOT_NETNS" ] || die "still in the root network namespace"',
    '[ -n "${VNETLAB_ROOT_MNTNS:-}" ] && [ "$(stat -L -c %i /proc/self/ns/mnt)" != "$VNETLAB_ROOT_MNTNS" ] || die "still in the root mount namespace"',
    'timeout 10 mount -t sysfs bench-sysfs /sys || die "no private sysfs"',
    'mkdir -p /run/netns && timeout 10 mount -t tmpfs -o size=4m bench-netns /run/netns || die "no private /run/netns"',
    '[ -z "$(ip netns list)" ] || die "fresh /run/netns is not empty"',
    'ip link set lo up',
    'ms() { echo $(( $(date +%s%N) / 1000000 )); }',
    't0=$(ms)',
    `bash -e <<'EOF_SCRIPT' || die "building the namespaces failed"`,
    ...bridgedNamespacesScript(n).trim().split('\n'),
    'EOF_SCRIPT',
    't1=$(ms); echo "build $((t1 - t0))"',
    'sleep 1',
    // one source: all its pings at once, then count the replies
    'matrix() { local src=$1; shift; local pids=() ok=0; for a in "$@"; do ping -n -q -c 1 -W 5 "$a" >/dev/null 2>&1 & pids+=($!); done; for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done; echo "ok $ok $#"; }',
    'startup() { local pids=(); for a in "$@"; do ping -V >/dev/null 2>&1 & pids+=($!); done; wait "${pids[@]}"; }',
    'export -f matrix startup',
  ];
  for (const a of sourcesOf(n, sources)) {
    const dsts = Array.from({ length: n }, (_, i) => i + 1).filter((b) => b !== a).map((b) => q(addressOf(b))).join(' ');
    L.push(
      `s0=$(ms); ip netns exec ns${a} bash -c 'matrix "$@"' _ ${a} ${dsts}; s1=$(ms)`,
      `ip netns exec ns${a} bash -c 'startup "$@"' _ ${dsts}; s2=$(ms)`,
      'echo "ping $((s1 - s0)) startup $((s2 - s1))"',
    );
  }
  return L.join('\n') + '\n';
}

export async function kernelPingMatrix(n: number, sources: number): Promise<KernelMatrix> {
  const r = await runInSandbox(program(n, sources), 900);
  if (r.code !== 0) throw new Error(`the sandbox failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const out: KernelMatrix = { buildSeconds: 0, pingSeconds: 0, startupSeconds: 0, pings: 0, ok: 0 };
  for (const line of r.stdout.split('\n')) {
    const w = line.split(' ');
    if (w[0] === 'build') out.buildSeconds = Number(w[1]) / 1000;
    if (w[0] === 'ok') { out.ok += Number(w[1]); out.pings += Number(w[2]); }
    if (w[0] === 'ping') { out.pingSeconds += Number(w[1]) / 1000; out.startupSeconds += Number(w[3]) / 1000; }
  }
  return out;
}
