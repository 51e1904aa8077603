import { describe, expect, it } from 'vitest';
import { isNetworkLine, pingLineProbe } from './script-lines';

describe('script lines verify compares', () => {
  const text = ['#!/bin/bash', 'ip link add br0 type bridge', 'grep -q x /etc/hosts', 'sudo ip netns exec red ip addr', 'echo hi', 'timeout 5 sysctl -w net.ipv4.ip_forward=1'].join('\n');
  it('keeps network commands, wrappers taken off', () => {
    expect([1, 2, 3, 4, 5, 6].filter((n) => isNetworkLine(text, n))).toEqual([2, 4, 6]);
  });
  it('reads a plain ping line as the probe bash would run', () => {
    expect(pingLineProbe('ip netns exec red ping -c 2 -W 1 10.0.0.2')).toBe('ping red 10.0.0.2 count=2 wait=1');
    expect(pingLineProbe('  ping -q -c1 -I veth0 10.0.0.2')).toBe('ping host 10.0.0.2 count=1 iface=veth0');
    expect(pingLineProbe('ping -c 1 -I 10.0.0.1 10.0.0.2')).toBe('ping host 10.0.0.2 count=1 src=10.0.0.1');
  });
  it('leaves pings whose status bash does not trap, or that never end', () => {
    expect(pingLineProbe('ping -c 1 10.0.0.2 || true')).toBeUndefined();
    expect(pingLineProbe('if ping -c 1 10.0.0.2; then echo up; fi')).toBeUndefined();
    expect(pingLineProbe('ping 10.0.0.2')).toBeUndefined();
    expect(pingLineProbe('ping -c 1 "$PEER"')).toBeUndefined();
  });
});
