#!/bin/bash
# fuzz seed 1 (minimised)

ip netns add ns1
ip netns add ns2
ip -n ns2 link set lo up
ip link add v0 type veth peer name v1
ip link set v1 netns ns1
ip link add v2 type veth peer name v3
ip link set v3 netns ns1
ip addr add 10.0.1.104/24 dev v0
ip link set v0 up
sysctl -qw net.ipv4.ip_forward=1
ip netns exec ns2 iptables -t nat -A POSTROUTING -s 10.0.2.0/24 -j MASQUERADE
