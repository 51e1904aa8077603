#!/usr/bin/env bash
# Removes the network of machine "host": macvlan bridge mode with a host-side macvlan.
# Exported by vnetlab. Run as root.
#
# The world outside this machine (physical NICs, machines on their LANs):
# phys: eth0 192.168.0.171/24
# host: gw 192.168.0.1/24 lan=eth0

set -u

# Neighbours and routes (root namespace)
ip route del '192.168.0.200/32' dev 'mac3' || true
ip route del '192.168.0.100/32' dev 'mac3' || true

# Virtual devices of the root namespace (stacked devices first)
ip link del dev 'mac3' || true

# Namespaces (deleting one destroys its virtual devices and returns physical NICs to the root namespace)
ip netns del 'ns2' || true
ip netns del 'ns1' || true
