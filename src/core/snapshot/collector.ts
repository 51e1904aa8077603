/**
 * The collector: one POSIX shell program that prints every namespace's network state as a
 * plain-text dump. `vnetlab snapshot` runs exactly this program and turns its dump into the
 * JSON file (dump.ts), and people who cannot install vnetlab on a machine paste the same
 * program as a one-line command, so both roads give the same snapshot.
 *
 * Dump lines: `@@vnetlab-snapshot 1`, `@@kernel RELEASE`, then per namespace
 * `@@ns root` | `@@ns netns HEXNAME` | `@@ns process PID HEXCOMM`, each followed by its sections
 * `@@SECTION` and the tool's output (or `@@unreadable` and the tool's message). Names are
 * written as hex so that no name (spaces, newlines, `@@`) can forge a line.
 *
 * Only reads: `ip … show`, `bridge … show`, /proc/sys, `iptables-save`. Without root it
 * gets the namespaces the kernel lets it enter (usually only the machine's own).
 */

/** Sysctl files the design models (per device under conf/DEV/, and the global ones). */
export const SYSCTL_FILTER = '/(ip_forward|forwarding|rp_filter|arp_ignore|arp_announce|arp_filter|proxy_arp|accept_local|send_redirects|accept_redirects|arp_notify|arp_accept|bridge-nf-call-iptables):';

const LINES = [
  'export LC_ALL=C PATH=/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin:$PATH',
  'x(){ printf %s "$1" | od -An -tx1 | tr -d " \\n"; }',
  'S(){ echo "@@$1"; shift; if o=$("$@" 2>&1); then printf "%s\\n" "$o"; else printf "@@unreadable\\n%s\\n" "$o"; fi; }',
  `Y(){ "$@" grep -rs "" /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf /proc/sys/net/bridge | grep -E '${SYSCTL_FILTER}'; true; }`,
  'D(){ S link "$@" ip -j -d link show; S addr "$@" ip -j addr show; S route "$@" ip -j route show table all; S neigh "$@" ip -j neigh show; S fdb "$@" bridge -j fdb show; S vlan "$@" bridge -j vlan show; S brlink "$@" bridge -j link show; S nsid "$@" ip -j netns list-id; S sysctl Y "$@"; S iptables "$@" iptables-save; }',
  'echo "@@vnetlab-snapshot 1"; echo "@@kernel $(uname -r)"',
  'echo "@@ns root"; D',
  'seen=" $(stat -L -c %i /proc/self/ns/net) "',
  'for f in /run/netns/*; do [ -e "$f" ] || continue; i=$(stat -L -c %i "$f" 2>/dev/null) || continue; case "$seen" in *" $i "*) continue;; esac; seen="$seen$i "; echo "@@ns netns $(x "${f#/run/netns/}")"; D nsenter "--net=$f"; done',
  'for p in /proc/[0-9]*; do i=$(stat -L -c %i "$p/ns/net" 2>/dev/null) || continue; case "$seen" in *" $i "*) continue;; esac; seen="$seen$i "; echo "@@ns process ${p#/proc/} $(x "$(cat "$p/comm" 2>/dev/null)")"; D nsenter "--net=$p/ns/net"; done',
];

/** The collector as a shell program (one command per line). */
export const COLLECTOR_PROGRAM = LINES.join('\n') + '\n';

/** The same program as one line to paste into a root shell; it prints the dump on stdout. */
export const COLLECTOR_ONE_LINER = `sh -c '${LINES.join('; ').replace(/'/g, `'\\''`)}' > vnetlab-dump.txt`;
