#!/bin/bash
# fuzz seed 3 (minimised)
# host: peer1 192.168.0.50/24 lan=eth0 via 192.168.0.171

ip netns add ns1
ip -n ns1 link set lo up
ip link add v0 type veth peer name v1
ip link set v1 netns ns1
ip addr add 10.0.1.18/24 dev v0
ip link set v0 up
