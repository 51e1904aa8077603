import { describe, expect, it } from 'vitest';
import { parseArp } from '../sim/wire/arp';
import { ethDst, ethSrc, parseEthernet } from '../sim/wire/ethernet';
import { arpReply, arpRequest, icmpEcho, icmpError } from '../sim/wire/frames';
import { parseIcmp } from '../sim/wire/icmp';
import { decrementTtl, parseIpv4 } from '../sim/wire/ipv4';
import { hex, toHex } from '../sim/wire/test-hex';
import { describeFrame, isIpv6 } from './describe';
import { buildMacLabeler } from './labels';
import { readPcapFile } from './pcap';
import { formatTcpdump } from './tcpdump';
import { VETH_ROUTER_PCAP_HEX, VETH_ROUTER_TCPDUMP } from './veth-router-capture';

const file = readPcapFile(hex(VETH_ROUTER_PCAP_HEX));
const v4 = file.packets.filter((p) => !isIpv6(p.bytes));
const A = '10.1.0.2';
const R = '10.1.0.1';
const ipn = (s: string) => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** The captured IPv4 packets by ICMP type and destination, to rebuild them. */
function icmpOf(bytes: Uint8Array) {
  const ip = parseIpv4(parseEthernet(bytes)!.payload)!;
  return { ip, icmp: parseIcmp(ip.payload)! };
}

describe('a real tcpdump capture (veth, router namespace)', () => {
  it('reads the microsecond little-endian file tcpdump wrote', () => {
    expect(file).toMatchObject({ linktype: 1, nanosecond: false, bigEndian: false, snaplen: 256 });
    expect(file.truncated).toBeUndefined();
    expect(file.packets).toHaveLength(VETH_ROUTER_TCPDUMP.length);
    expect(file.packets.filter((p) => isIpv6(p.bytes))).toHaveLength(VETH_ROUTER_TCPDUMP.filter((l) => l.includes('IPv6')).length);
  });

  it('formats every IPv4 and ARP packet as tcpdump printed it', () => {
    file.packets.forEach((p, i) => {
      if (!isIpv6(p.bytes)) expect(formatTcpdump(p.bytes, BigInt(p.sec) * 1_000_000_000n + BigInt(p.nsec), { time: 'clock' })).toBe(VETH_ROUTER_TCPDUMP[i]);
    });
  });

  it('rebuilds every ARP frame byte for byte', () => {
    const arps = v4.filter((p) => parseEthernet(p.bytes)!.ethertype === 0x0806);
    expect(arps.length).toBeGreaterThanOrEqual(2);
    for (const p of arps) {
      const a = parseArp(parseEthernet(p.bytes)!.payload)!;
      const built = a.op === 1
        ? arpRequest({ src: a.sha, senderIp: a.spa, targetIp: a.tpa, dst: ethDst(p.bytes) })
        : arpReply({ src: a.sha, senderIp: a.spa, dst: a.tha, targetIp: a.tpa });
      expect(toHex(built)).toBe(toHex(p.bytes));
    }
  });

  it('rebuilds ping requests and replies byte for byte', () => {
    const echoes = v4.filter((p) => p.bytes.length === 98);
    expect(echoes).toHaveLength(5);
    for (const p of echoes) {
      const { ip, icmp } = icmpOf(p.bytes);
      const m = icmp.msg as { kind: string; id: number; seq: number; data: Uint8Array };
      const dv = new DataView(m.data.buffer, m.data.byteOffset);
      const timeNs = BigInt(dv.getUint32(0, true)) * 1_000_000_000n + BigInt(dv.getUint32(8, true)) * 1000n;
      const reply = m.kind === 'echo-reply';
      const built = icmpEcho({
        src: ethSrc(p.bytes), dst: ethDst(p.bytes), srcIp: ip.src, dstIp: ip.dst, reply, id: m.id, seq: m.seq, ttl: ip.ttl, ipId: ip.id,
        ...(reply ? { data: m.data } : { timeNs }),
      });
      expect(toHex(built)).toBe(toHex(p.bytes));
    }
  });

  it('rebuilds the router ICMP errors: TOS 0xc0, whole packet quoted, TTL as the router held it', () => {
    const requestTo = (dst: string) => v4.find((p) => p.bytes.length === 98 && icmpOf(p.bytes).ip.dst === ipn(dst) && icmpOf(p.bytes).icmp.type === 8)!;
    const errors = v4.filter((p) => p.bytes.length === 126);
    expect(errors).toHaveLength(3);
    const cases = [
      // time exceeded: the packet as received (ttl 1)
      { kind: 'time-exceeded' as const, code: 0, dst: '10.2.0.2', decremented: false },
      // host unreachable: already forwarded, so the quote carries ttl 63
      { kind: 'dest-unreach' as const, code: 1, dst: '10.2.0.99', decremented: true },
      // net unreachable: no route, the packet as received
      { kind: 'dest-unreach' as const, code: 0, dst: '10.9.0.1', decremented: false },
    ];
    cases.forEach((c, i) => {
      const p = errors[i];
      const { ip } = icmpOf(p.bytes);
      // The echo request with ttl 1 is the second one to 10.2.0.2.
      const req = c.kind === 'time-exceeded' ? v4.filter((q) => q.bytes.length === 98 && icmpOf(q.bytes).ip.ttl === 1)[0] : requestTo(c.dst);
      const offending = req.bytes.slice(14);
      if (c.decremented) decrementTtl(offending);
      const built = icmpError({ src: ethSrc(p.bytes), dst: ethDst(p.bytes), srcIp: ipn(R), dstIp: ipn(A), kind: c.kind, code: c.code, offending, ipId: ip.id });
      expect(toHex(built)).toBe(toHex(p.bytes));
    });
  });

  it('describes the capture as the harness would', () => {
    const [req] = v4;
    const a = parseArp(parseEthernet(req.bytes)!.payload)!;
    const routerMac = v4.map((p) => parseArp(parseEthernet(p.bytes)!.payload)).find((x) => x && x.op === 2)!.sha;
    const label = buildMacLabeler([{ ns: 'a', dev: 'va', mac: a.sha, kind: 'veth' }, { ns: 'r', dev: 'ra', mac: routerMac, kind: 'veth' }]);
    const summaries = v4.map((p) => describeFrame(p.bytes, label).summary);
    expect(summaries).toContain('a:va > broadcast ARP who-has 10.1.0.1 tell 10.1.0.2');
    expect(summaries).toContain('r:ra > a:va ARP 10.1.0.1 is-at r:ra');
    expect(summaries).toContain('r:ra > a:va ICMP-TIME-EXCEEDED 10.1.0.1 > 10.1.0.2 ttl 64 code 0');
    expect(summaries).toContain('r:ra > a:va ICMP-DEST-UNREACH 10.1.0.1 > 10.1.0.2 ttl 64 code host');
    expect(summaries).toContain('r:ra > a:va ICMP-DEST-UNREACH 10.1.0.1 > 10.1.0.2 ttl 64 code net');
    expect(summaries).toContain('r:ra > a:va ICMP-ECHO-REPLY 10.2.0.2 > 10.1.0.2 ttl 63');
  });
});
