#!/bin/bash
# fuzz seed 6 (minimised)

ip netns add ns1
ip link add v0 type veth peer name v1
ip link set v1 netns ns1
ip link add v2 type veth peer name v3
ip link set v3 netns ns1
ip link set v2 up
ip -n ns1 addr add 10.0.2.91/30 dev v3
ip -n ns1 addr add 10.0.1.74/24 dev v3
ip -n ns1 link set v3 up
