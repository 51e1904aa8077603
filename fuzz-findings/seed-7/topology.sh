#!/bin/bash
# fuzz seed 7 (minimised)
# phys: eth0 192.168.0.171/24 hairpin
# host: peer1 192.168.0.50/24 lan=eth0
# host: peer2 192.168.0.51/24 lan=eth0 via 192.168.0.171

ip netns add ns1
ip -n ns1 link set lo up
ip netns add ns2
ip link add v0 type veth peer name v1
ip link set v0 netns ns1
ip link add v2 type veth peer name v3
ip link set v3 netns ns1
ip link add link eth0 name mv1 type macvlan mode private
ip link set mv1 netns ns1
ip -n ns1 addr add 10.0.1.23/30 dev v0
ip -n ns1 link set v0 up
ip addr add 10.0.1.237/30 dev v1
ip -n ns1 addr add 192.168.0.211/25 dev v3
