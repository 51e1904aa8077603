import { describe, expect, it } from 'vitest';
import { labelArping, parseArping, parsePing, splitLines } from './parse-probes';

const OK = `PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.051 ms

--- 10.0.0.2 ping statistics ---
1 packets transmitted, 1 received, 0% packet loss, time 0ms
rtt min/avg/max/mdev = 0.051/0.051/0.051/0.000 ms
`;
const HOST_UNREACH = `PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
From 10.0.0.1 icmp_seq=1 Destination Host Unreachable

--- 10.0.0.9 ping statistics ---
1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms
`;
const NO_REPLY = `PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.

--- 10.0.0.9 ping statistics ---
1 packets transmitted, 0 received, 100% packet loss, time 0ms
`;

describe('parsePing', () => {
  it('reads a reply as ok with its source', () => {
    const r = parsePing('ping ns1 10.0.0.2', 0, OK, '');
    expect(r).toEqual({
      probe: 'ping ns1 10.0.0.2', rc: 0, ok: true, received: 1, reply_from: ['10.0.0.2'],
      icmp_errors: [], local_errors: [], error: null,
    });
  });

  it('reads an ICMP host unreachable with where it came from', () => {
    const r = parsePing('ping ns1 10.0.0.9', 1, HOST_UNREACH, '');
    expect(r.ok).toBe(false);
    expect(r.error).toBe('host_unreachable');
    expect(r.error_from).toBe('10.0.0.1');
    expect(r.icmp_errors).toEqual([{ from: '10.0.0.1', msg: 'Destination Host Unreachable' }]);
  });

  it('reads a local connect error as network_unreachable', () => {
    const r = parsePing('ping ns1 8.8.8.8', 2, '', 'ping: connect: Network is unreachable\n');
    expect(r.error).toBe('network_unreachable');
    expect(r.local_errors).toEqual(['connect: Network is unreachable']);
    expect(r.received).toBe(0);
    expect('error_from' in r).toBe(false);
  });

  it('reads silence as no_reply and a killed ping as timeout', () => {
    expect(parsePing('p', 1, NO_REPLY, '').error).toBe('no_reply');
    expect(parsePing('p', 124, '', '').error).toBe('timeout');
  });

  it('names other ICMP errors by kind', () => {
    const ttl = parsePing('p', 1, 'From 10.0.0.1 icmp_seq=1 Time to live exceeded\n', '');
    expect(ttl.error).toBe('ttl_exceeded');
    const port = parsePing('p', 1, 'From 10.0.0.1 icmp_seq=1 Destination Port Unreachable\n', '');
    expect(port.error).toBe('port_unreachable');
    const net = parsePing('p', 1, 'From 10.0.0.1 icmp_seq=1 Destination Net Unreachable\n', '');
    expect(net.error).toBe('net_unreachable');
  });
});

describe('arping', () => {
  it('collects the answering MACs and labels them, without an error field', () => {
    const out = 'ARPING 10.0.5.5\n42 bytes from 0a:1b:2c:3d:4e:5f (10.0.5.5): index=0 time=1.2 usec\n\n--- 10.0.5.5 statistics ---\n';
    const raw = parseArping('arping host v0 10.0.5.5', 0, out, '');
    expect(raw.replies_raw).toEqual(['0a:1b:2c:3d:4e:5f']);
    const r = labelArping(raw, (m) => (m === '0a:1b:2c:3d:4e:5f' ? 'ns1:v1' : `unknown:${m}`));
    expect(r).toEqual({ probe: 'arping host v0 10.0.5.5', rc: 0, ok: true, local_errors: [], replies: ['ns1:v1'] });
  });

  it('is not ok when nothing answered, keeping stderr lines', () => {
    const r = parseArping('a', 1, 'ARPING 10.0.0.9\n', 'arping: lookup dev: No matching interface found\n');
    expect(r.ok).toBe(false);
    expect(r.local_errors).toEqual(['arping: lookup dev: No matching interface found']);
  });
});

describe('splitLines', () => {
  it('splits like Python: no trailing empty line, CRLF is one break', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});
