import { describe, expect, it } from 'vitest';
import { buildMacLabeler } from './labels';

describe('MAC labels', () => {
  it('names broadcast and zero before owners', () => {
    const label = buildMacLabeler([]);
    expect(label('FF:FF:FF:FF:FF:FF')).toBe('broadcast');
    expect(label('00:00:00:00:00:00')).toBe('zero');
  });

  it('names a MAC by the NS:DEV owning it, whatever the case of the input', () => {
    const label = buildMacLabeler([
      { ns: 'host', dev: 'eth0', mac: '02:AA:00:00:00:01', kind: '' },
      { ns: 'ns1', dev: 'mac1', mac: '02:aa:00:00:00:02', kind: 'macvlan' },
    ]);
    expect(label('02:aa:00:00:00:01')).toBe('host:eth0');
    expect(label('02:AA:00:00:00:02')).toBe('ns1:mac1');
  });

  it('joins several owners sorted with |', () => {
    const label = buildMacLabeler([
      { ns: 'ns1', dev: 'mac1', mac: '02:00:00:00:00:01', kind: 'macvlan' },
      { ns: 'host', dev: 'eth0', mac: '02:00:00:00:00:01', kind: 'veth' },
    ]);
    expect(label('02:00:00:00:00:01')).toBe('host:eth0|ns1:mac1');
  });

  it('drops a bridge port whose bridge took its MAC', () => {
    const label = buildMacLabeler([
      { ns: 'host', dev: 'br0', mac: '02:00:00:00:00:01', kind: 'bridge' },
      { ns: 'host', dev: 'v0', mac: '02:00:00:00:00:01', kind: 'veth', master: 'br0' },
      { ns: 'host', dev: 'v1', mac: '02:00:00:00:00:09', kind: 'veth', master: 'br0' },
    ]);
    expect(label('02:00:00:00:00:01')).toBe('host:br0');
    expect(label('02:00:00:00:00:09')).toBe('host:v1');
  });

  it('keeps a port whose bridge of the same name lives in another namespace', () => {
    const label = buildMacLabeler([
      { ns: 'ns1', dev: 'br0', mac: '02:00:00:00:00:01', kind: 'bridge' },
      { ns: 'host', dev: 'v0', mac: '02:00:00:00:00:01', kind: 'veth', master: 'br0' },
    ]);
    expect(label('02:00:00:00:00:01')).toBe('host:v0|ns1:br0');
  });

  it('keeps ports of a bridge with another MAC and ports enslaved elsewhere', () => {
    const label = buildMacLabeler([
      { ns: 'host', dev: 'br0', mac: '02:00:00:00:00:07', kind: 'bridge' },
      { ns: 'host', dev: 'v0', mac: '02:00:00:00:00:01', kind: 'veth', master: 'br0' },
      { ns: 'host', dev: 'ipvl0', mac: '02:00:00:00:00:01', kind: 'ipvlan' },
    ]);
    expect(label('02:00:00:00:00:01')).toBe('host:ipvl0|host:v0');
  });

  it('ignores devices without an Ethernet address', () => {
    const label = buildMacLabeler([
      { ns: 'host', dev: 'lo', mac: '00:00:00:00:00:00', kind: 'loopback' },
      { ns: 'host', dev: 'tun0', mac: '02:00:00:00:00:05', kind: 'tun', ether: false },
      { ns: 'host', dev: 'x', kind: 'tun' },
    ]);
    expect(label('02:00:00:00:00:05')).toBe('unknown:02:00:00:00:00:05');
  });

  it('labels unowned group addresses multicast and unowned individual ones unknown', () => {
    const label = buildMacLabeler([]);
    expect(label('01:00:5E:00:00:01')).toBe('multicast:01:00:5e:00:00:01');
    expect(label('33:33:00:00:00:01')).toBe('multicast:33:33:00:00:00:01');
    expect(label('03:00:00:00:00:01')).toBe('multicast:03:00:00:00:00:01');
    expect(label('02:00:00:00:00:01')).toBe('unknown:02:00:00:00:00:01');
  });
});
