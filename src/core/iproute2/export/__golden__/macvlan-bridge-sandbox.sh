#!/usr/bin/env bash
# Builds, in a throw-away sandbox, the network of machine "host": macvlan bridge mode with a host-side macvlan.
# Exported by vnetlab. Run as root.
#
# The world outside this machine (physical NICs, machines on their LANs):
# phys: eth0 192.168.0.171/24
# host: gw 192.168.0.1/24 lan=eth0

set -euo pipefail

# Sandbox: everything below runs in throw-away namespaces; the machine is never touched.
if [[ "${VNETLAB_SANDBOX:-}" != 1 ]]; then
  [[ -f "$0" ]] || { echo "run this script from a file: bash FILE [COMMAND...]" >&2; exit 2; }
  VNETLAB_OUTER_NETNS=$(stat -L -c %i /proc/self/ns/net)
  VNETLAB_OUTER_MNTNS=$(stat -L -c %i /proc/self/ns/mnt)
  export VNETLAB_SANDBOX=1 VNETLAB_OUTER_NETNS VNETLAB_OUTER_MNTNS
  exec unshare --mount --propagation private --net --pid --fork --mount-proc --kill-child -- bash "$0" "$@"
fi
if [[ "$(stat -L -c %i /proc/self/ns/net)" == "${VNETLAB_OUTER_NETNS:-}" || "$(stat -L -c %i /proc/self/ns/mnt)" == "${VNETLAB_OUTER_MNTNS:-}" ]]; then
  echo "refusing to continue: not in a private network and mount namespace" >&2
  exit 1
fi
# private /run/netns (ip netns names stay in the sandbox) and a sysfs showing its own devices
mkdir -p /run/netns
mount -t tmpfs -o size=1m vnetlab-netns /run/netns
mount -t sysfs vnetlab-sysfs /sys
# the host is a normal machine: its loopback is up
ip link set lo up

# The world outside the machine (from the header): LAN switches, NICs, external machines
ip netns add '_lan_eth0'
ip -n '_lan_eth0' link set dev lo up
ip -n '_lan_eth0' link add name sw type bridge
ip -n '_lan_eth0' link set dev sw up
ip link add name 'eth0' type veth peer name 'p0' netns '_lan_eth0'
ip -n '_lan_eth0' link set dev 'p0' master sw
ip -n '_lan_eth0' link set dev 'p0' up
ip addr add '192.168.0.171/24' dev 'eth0'
ip link set dev 'eth0' up
ip netns add 'gw'
ip -n 'gw' link set dev lo up
ip -n '_lan_eth0' link add name 'h0' type veth peer name eth0 netns 'gw'
ip -n '_lan_eth0' link set dev 'h0' master sw
ip -n '_lan_eth0' link set dev 'h0' up
ip -n 'gw' addr add '192.168.0.1/24' dev eth0
ip -n 'gw' link set dev eth0 up

# Namespaces
ip netns add 'ns1'
ip netns add 'ns2'

# Devices, each made in its own namespace (lower devices before the devices stacked on them)
ip link add link 'eth0' name 'mac1' netns 'ns1' type macvlan mode bridge
ip link add link 'eth0' name 'mac2' netns 'ns2' type macvlan mode bridge
ip link add link 'eth0' name 'mac3' type macvlan mode bridge

# Addresses
ip -n 'ns1' addr add '192.168.0.100/24' dev 'mac1'
ip -n 'ns2' addr add '192.168.0.200/24' dev 'mac2'
ip addr add '192.168.0.150/24' dev 'mac3'

# Links up (lower devices first)
ip -n 'ns1' link set dev 'lo' up
ip -n 'ns2' link set dev 'lo' up
ip -n 'ns1' link set dev 'mac1' up
ip -n 'ns2' link set dev 'mac2' up
ip link set dev 'mac3' up

# Routes
ip route add '192.168.0.100/32' dev 'mac3'
ip route add '192.168.0.200/32' dev 'mac3'
ip -n 'ns1' route add 'default' via '192.168.0.1' dev 'mac1'

# Inside the sandbox: run the given command, or a shell on a terminal; leaving ends the sandbox.
if (($# > 0)); then
  exec "$@"
elif [[ -t 0 ]]; then
  echo "vnetlab sandbox ready: ip netns list, ip -n NS addr, ping ...; exit to tear it down" >&2
  PS1='[vnetlab sandbox] \w# ' exec bash --norc -i
fi
