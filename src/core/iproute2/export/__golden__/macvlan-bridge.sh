#!/usr/bin/env bash
# Builds the network of machine "host": macvlan bridge mode with a host-side macvlan.
# Exported by vnetlab. Run as root.
#
# The world outside this machine (physical NICs, machines on their LANs):
# phys: eth0 192.168.0.171/24
# host: gw 192.168.0.1/24 lan=eth0

set -euo pipefail

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
