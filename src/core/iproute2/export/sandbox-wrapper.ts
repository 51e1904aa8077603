/**
 * The prologue and epilogue of a sandbox script: it re-executes itself in private mount,
 * network and PID namespaces, refuses to go on unless it really is in a new network and mount
 * namespace, gives itself a private /run/netns and a sysfs of its own, builds the world from
 * the header, and at the end runs the given command or an interactive shell. When the
 * sandbox's first process exits, the kernel tears everything down.
 */

/** Lines before the world is built. */
export function sandboxPrologue(): string[] {
  return [
    '# Sandbox: everything below runs in throw-away namespaces; the machine is never touched.',
    'if [[ "${VNETLAB_SANDBOX:-}" != 1 ]]; then',
    '  [[ -f "$0" ]] || { echo "run this script from a file: bash FILE [COMMAND...]" >&2; exit 2; }',
    '  VNETLAB_OUTER_NETNS=$(stat -L -c %i /proc/self/ns/net)',
    '  VNETLAB_OUTER_MNTNS=$(stat -L -c %i /proc/self/ns/mnt)',
    '  export VNETLAB_SANDBOX=1 VNETLAB_OUTER_NETNS VNETLAB_OUTER_MNTNS',
    '  exec unshare --mount --propagation private --net --pid --fork --mount-proc --kill-child -- bash "$0" "$@"',
    'fi',
    'if [[ "$(stat -L -c %i /proc/self/ns/net)" == "${VNETLAB_OUTER_NETNS:-}" || "$(stat -L -c %i /proc/self/ns/mnt)" == "${VNETLAB_OUTER_MNTNS:-}" ]]; then',
    '  echo "refusing to continue: not in a private network and mount namespace" >&2',
    '  exit 1',
    'fi',
    '# private /run/netns (ip netns names stay in the sandbox) and a sysfs showing its own devices',
    'mkdir -p /run/netns',
    'mount -t tmpfs -o size=1m vnetlab-netns /run/netns',
    'mount -t sysfs vnetlab-sysfs /sys',
    '# the host is a normal machine: its loopback is up',
    'ip link set lo up',
  ];
}

/** Lines after the setup: run the arguments, else a shell on a terminal, else stop. */
export function sandboxEpilogue(): string[] {
  return [
    '',
    '# Inside the sandbox: run the given command, or a shell on a terminal; leaving ends the sandbox.',
    'if (($# > 0)); then',
    '  exec "$@"',
    'elif [[ -t 0 ]]; then',
    '  echo "vnetlab sandbox ready: ip netns list, ip -n NS addr, ping ...; exit to tear it down" >&2',
    '  PS1=\'[vnetlab sandbox] \\w# \' exec bash --norc -i',
    'fi',
  ];
}
