import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from './parse';

describe('console line parsing', () => {
  it('reads ping options as iputils does', () => {
    expect(parseConsoleLine('ping -c 3 -I mac1 192.168.0.200')).toEqual({ kind: 'ping', dst: '192.168.0.200', count: 3, wait: undefined, iface: 'mac1' });
    expect(parseConsoleLine('ping 10.0.0.1')).toMatchObject({ kind: 'ping', count: 4 });
    expect(parseConsoleLine('ping -x 10.0.0.1')).toEqual({ kind: 'error', message: "ping: invalid option -- 'x'" });
    expect(parseConsoleLine('ping')).toMatchObject({ kind: 'error' });
  });

  it('reads arping, ip, bridge and sysctl', () => {
    expect(parseConsoleLine('arping -I eth0 10.0.0.1')).toEqual({ kind: 'arping', dev: 'eth0', dst: '10.0.0.1' });
    expect(parseConsoleLine('ip -4 neigh show dev mac1')).toEqual({ kind: 'ip', object: 'neigh', dev: 'mac1' });
    expect(parseConsoleLine('ip a')).toEqual({ kind: 'ip', object: 'addr', dev: undefined });
    expect(parseConsoleLine('ip link show mac1')).toEqual({ kind: 'ip', object: 'link', dev: 'mac1' });
    expect(parseConsoleLine('ip route')).toEqual({ kind: 'ip', object: 'route', dev: undefined });
    expect(parseConsoleLine('bridge fdb show')).toEqual({ kind: 'bridge-fdb' });
    expect(parseConsoleLine('sysctl net/ipv4/ip_forward')).toEqual({ kind: 'sysctl', name: 'net.ipv4.ip_forward' });
    expect(parseConsoleLine('ip foo')).toMatchObject({ kind: 'error', message: 'Object "foo" is unknown, try "ip help".' });
  });
});
