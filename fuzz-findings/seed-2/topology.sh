#!/bin/bash
# fuzz seed 2 (minimised)

ip netns add ns2
ip -n ns2 link set lo up
ip -n ns2 link add br0 type bridge
ip -n ns2 addr add 10.0.1.179/32 dev br0
ip -n ns2 link set br0 up
