#!/bin/bash
# fuzz seed 4
# phys: eth0 192.168.0.171/24
# phys: eth1 192.168.0.172/24 lan=eth0 hairpin

ip netns add ns1
ip netns add ns2
ip link add v0 type veth peer name v1
ip link set v0 netns ns1
ip link add v2 type veth peer name v3
ip link set v2 netns ns2
ip link add link eth1 name mv0 type macvlan mode bridge
ip link add link eth1 name mv1 type macvlan mode vepa
ip link set mv1 netns ns1
ip -n ns1 addr add 10.0.1.70/25 dev v0
ip link set v1 up
ip -n ns2 addr add 10.0.2.165/25 dev v2
ip -n ns2 addr add 192.168.0.215/24 dev v2
ip -n ns2 link set v2 up
ip link set v3 up
ip link set mv0 up
ip -n ns1 addr add 192.168.0.156/30 dev mv1
ip -n ns1 addr add 10.0.1.127/30 dev mv1
ip route add default via 10.0.2.165
ip -n ns2 route add 10.0.2.128/32 dev v2
ip netns exec ns2 iptables -t nat -A POSTROUTING -s 10.0.1.0/24 -j MASQUERADE
