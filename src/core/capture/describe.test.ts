import { describe as suite, expect, it } from 'vitest';
import type { Observation, ObservedFrame } from '../observation/types';
import { type VlanTag, emitEthernet } from '../sim/wire/ethernet';
import { arpReply, arpRequest, icmpFrame, ipv4Frame } from '../sim/wire/frames';
import type { IcmpMessage } from '../sim/wire/icmp';
import { emitArp } from '../sim/wire/arp';
import { macFromSeed } from '../sim/wire/mac';
import { parseIp } from '../net/ipv4';
import { type DescribedFrame, describeFrame, isIpv6 } from './describe';
import { hex } from '../sim/wire/test-hex';

const fixtures = import.meta.glob('../../../fixtures/conformance*/*/expected.json', { eager: true, import: 'default' }) as Record<string, Observation>;

const UNREACH_CODE_NUMBERS: Record<string, number> = {
  net: 0, host: 1, protocol: 2, port: 3, 'frag-needed': 4, 'net-prohibited': 9, 'host-prohibited': 10, 'admin-prohibited': 13,
};
const ICMP_TYPE_NUMBERS: Record<string, number> = { 'echo-reply': 0, 'dest-unreach': 3, redirect: 5, 'echo-request': 8, 'time-exceeded': 11 };

/** A fixed label ↔ MAC mapping: owner labels get seeded MACs, the others carry their MAC. */
class LabelMap {
  private byLabel = new Map<string, string>();
  private byMac = new Map<string, string>();
  mac(label: string): string {
    let m = this.byLabel.get(label);
    if (m) return m;
    if (label === 'broadcast') m = 'ff:ff:ff:ff:ff:ff';
    else if (label === 'zero') m = '00:00:00:00:00:00';
    else if (label.startsWith('multicast:') || label.startsWith('unknown:')) m = label.slice(label.indexOf(':') + 1);
    else m = macFromSeed(2024, this.byLabel.size);
    this.byLabel.set(label, m);
    this.byMac.set(m, label);
    return m;
  }
  label = (mac: string): string => this.byMac.get(mac) ?? `unknown:${mac}`;
}

const ip = (s: string) => parseIp(s)!;

/** Rebuild the bytes of a frame from its JSON record, with real codecs. */
function rebuild(f: DescribedFrame, labels: LabelMap): Uint8Array {
  const src = labels.mac(f.src);
  const dst = labels.mac(f.dst);
  const vids = f.vlan === undefined ? [] : Array.isArray(f.vlan) ? f.vlan : [f.vlan];
  const vlans: VlanTag[] = vids.map((vid, i) => ({ tpid: i < vids.length - 1 ? 0x88a8 : 0x8100, pcp: 0, dei: 0, vid }));
  const ethertype = parseInt(f.ethertype, 16);
  if (f.type === 'arp-request' || f.type === 'arp-reply' || f.type.startsWith('arp-op')) {
    const sha = labels.mac(f.sender_mac!);
    const tha = labels.mac(f.target_mac!);
    if (f.type === 'arp-request' && sha === src) return arpRequest({ src, dst, senderIp: ip(f.sender_ip!), targetIp: ip(f.target_ip!), tha, vlans });
    if (f.type === 'arp-reply' && tha === dst) return arpReply({ src, dst, sha, senderIp: ip(f.sender_ip!), targetIp: ip(f.target_ip!), vlans });
    const op = f.type === 'arp-request' ? 1 : f.type === 'arp-reply' ? 2 : Number(f.type.slice(6));
    return emitEthernet({ dst, src, vlans, ethertype, payload: emitArp({ op, sha, spa: ip(f.sender_ip!), tha, tpa: ip(f.target_ip!) }) });
  }
  if (f.type.startsWith('icmp-')) {
    const name = f.type.slice(5);
    const type = ICMP_TYPE_NUMBERS[name] ?? Number(name.replace('type', ''));
    const code = typeof f.code === 'string' ? UNREACH_CODE_NUMBERS[f.code] : f.code ?? 0;
    let quote: Uint8Array = new Uint8Array(0);
    if (f.orig) {
      const [a, b] = f.orig.split(' > ');
      const offending = icmpFrame({ src, dst, srcIp: ip(a), dstIp: ip(b), msg: { kind: 'echo-request', code: 0, id: 1, seq: 1, data: new Uint8Array(56) } });
      quote = offending.subarray(14);
    }
    let msg: IcmpMessage;
    if (type === 0 || type === 8) msg = { kind: type === 8 ? 'echo-request' : 'echo-reply', code, id: 7, seq: 1, data: new Uint8Array(56) };
    else if (type === 3) msg = { kind: 'dest-unreach', code, mtu: 0, quote };
    else if (type === 11) msg = { kind: 'time-exceeded', code, quote };
    else if (type === 5) msg = { kind: 'redirect', code, gateway: ip(f.gateway!), quote };
    else msg = { kind: 'other', type, code, rest: 0, data: new Uint8Array(0) };
    return icmpFrame({ src, dst, srcIp: ip(f.ip_src!), dstIp: ip(f.ip_dst!), ttl: f.ttl, msg, vlans });
  }
  if (f.type.startsWith('ipv4-proto')) {
    const proto = Number(f.type.slice(10));
    return ipv4Frame({ src, dst, vlans, ip: { tos: 0, id: 0, flags: 0, fragOffset: 0, ttl: f.ttl!, proto, src: ip(f.ip_src!), dst: ip(f.ip_dst!), options: new Uint8Array(0), payload: new Uint8Array(0) } });
  }
  return emitEthernet({ dst, src, vlans, ethertype, payload: new Uint8Array(0) });
}

/** Every frame record in an observation: the captures and the per-run values of unstable capture items. */
function allFrames(obs: Observation): DescribedFrame[] {
  const out: DescribedFrame[] = [];
  const strip = ({ probe: _p, ...rest }: ObservedFrame): DescribedFrame => rest;
  for (const cap of Object.values(obs.captures ?? {})) if ('frames' in cap) out.push(...cap.frames.map(strip));
  for (const [path, runs] of Object.entries(obs.unstable ?? {})) {
    if (!path.startsWith('/captures/')) continue;
    for (const run of runs) if (Array.isArray(run)) out.push(...(run as DescribedFrame[]));
  }
  return out;
}

suite('describeFrame', () => {
  it('reads the fixtures', () => {
    expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(70);
  });

  it('gives back every frame of every conformance fixture from its bytes', () => {
    let n = 0;
    for (const [file, obs] of Object.entries(fixtures)) {
      const labels = new LabelMap();
      for (const f of allFrames(obs)) {
        const bytes = rebuild(f, labels);
        expect(isIpv6(bytes)).toBe(false);
        expect(describeFrame(bytes, labels.label), `${file}: ${f.summary}`).toEqual(f);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  const L = (m: string) => (m === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : m === '02:00:00:00:00:01' ? 'ns1:veth1' : `unknown:${m}`);
  const A = '02:00:00:00:00:01';

  it('describes an ICMP host unreachable with its quoted packet', () => {
    const quote = icmpFrame({ src: A, dst: A, srcIp: ip('10.0.0.1'), dstIp: ip('10.9.9.9'), msg: { kind: 'echo-request', code: 0, id: 1, seq: 1, data: new Uint8Array(56) } }).subarray(14);
    const f = icmpFrame({ src: A, dst: A, srcIp: ip('10.0.0.254'), dstIp: ip('10.0.0.1'), msg: { kind: 'dest-unreach', code: 1, mtu: 0, quote } });
    expect(describeFrame(f, L)).toEqual({
      src: 'ns1:veth1', dst: 'ns1:veth1', ethertype: '0x0800', type: 'icmp-dest-unreach', ip_src: '10.0.0.254', ip_dst: '10.0.0.1', ttl: 64,
      code: 'host', orig: '10.0.0.1 > 10.9.9.9', summary: 'ns1:veth1 > ns1:veth1 ICMP-DEST-UNREACH 10.0.0.254 > 10.0.0.1 ttl 64 code host',
    });
  });

  it('keeps unnamed unreachable codes as numbers and gives redirects their gateway', () => {
    const quote = new Uint8Array(28);
    const u = icmpFrame({ src: A, dst: A, srcIp: 1, dstIp: 2, msg: { kind: 'dest-unreach', code: 5, mtu: 0, quote } });
    expect(describeFrame(u, L).code).toBe(5);
    const r = describeFrame(icmpFrame({ src: A, dst: A, srcIp: 1, dstIp: 2, msg: { kind: 'redirect', code: 1, gateway: ip('10.0.0.3'), quote } }), L);
    expect(r).toMatchObject({ type: 'icmp-redirect', code: 1, gateway: '10.0.0.3', orig: '0.0.0.0 > 0.0.0.0' });
    expect(r.summary).toBe('ns1:veth1 > ns1:veth1 ICMP-REDIRECT 0.0.0.1 > 0.0.0.2 ttl 64 code 1 gateway 10.0.0.3');
  });

  it('leaves orig out when less than 28 bytes follow an error header', () => {
    const t = describeFrame(icmpFrame({ src: A, dst: A, srcIp: 1, dstIp: 2, msg: { kind: 'time-exceeded', code: 0, quote: new Uint8Array(19) } }), L);
    expect(t.orig).toBeUndefined();
    expect(t.code).toBe(0);
  });

  it('names unknown ICMP types, IP protocols and ethertypes as the harness does', () => {
    expect(describeFrame(icmpFrame({ src: A, dst: A, srcIp: 1, dstIp: 2, msg: { kind: 'other', type: 13, code: 0, rest: 0, data: new Uint8Array(0) } }), L).summary)
      .toBe('ns1:veth1 > ns1:veth1 ICMP-TYPE13 0.0.0.1 > 0.0.0.2 ttl 64');
    const udp = ipv4Frame({ src: A, dst: 'ff:ff:ff:ff:ff:ff', ip: { tos: 0, id: 0, flags: 0, fragOffset: 0, ttl: 1, proto: 17, src: 1, dst: 2, options: new Uint8Array(0), payload: new Uint8Array(8) } });
    expect(describeFrame(udp, L)).toEqual({ src: 'ns1:veth1', dst: 'broadcast', ethertype: '0x0800', type: 'ipv4-proto17', ip_src: '0.0.0.1', ip_dst: '0.0.0.2', ttl: 1, summary: 'ns1:veth1 > broadcast IPv4 proto 17 0.0.0.1 > 0.0.0.2' });
    const lldp = emitEthernet({ dst: '01:80:c2:00:00:0e', src: A, vlans: [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 5 }], ethertype: 0x88cc, payload: new Uint8Array(30) });
    expect(describeFrame(lldp, L)).toEqual({ src: 'ns1:veth1', dst: 'unknown:01:80:c2:00:00:0e', ethertype: '0x88cc', vlan: 5, type: 'ethertype-0x88cc', summary: 'ns1:veth1 > unknown:01:80:c2:00:00:0e ethertype 0x88cc' });
  });

  it('lists stacked tags and prints them as a Python list', () => {
    const f = arpRequest({ src: A, senderIp: 1, targetIp: 2, vlans: [{ tpid: 0x88a8, pcp: 0, dei: 0, vid: 100 }, { tpid: 0x8100, pcp: 0, dei: 0, vid: 10 }] });
    const d = describeFrame(f, L);
    expect(d.vlan).toEqual([100, 10]);
    expect(d.summary).toBe('ns1:veth1 > broadcast ARP who-has 0.0.0.2 tell 0.0.0.1 vlan [100, 10]');
  });

  it('falls back to the ethertype for a truncated ARP or IPv4 body', () => {
    expect(describeFrame(arpRequest({ src: A, senderIp: 1, targetIp: 2 }).subarray(0, 41), L).type).toBe('ethertype-0x0806');
    expect(describeFrame(hex('020000000001 020000000001 0800 4500'), L).type).toBe('ethertype-0x0800');
  });

  it('marks frames shorter than an Ethernet header as runts', () => {
    expect(describeFrame(new Uint8Array(10), L)).toEqual({ type: 'runt' });
  });

  it('recognises IPv6 frames, tagged or not, for filtering', () => {
    const v6 = emitEthernet({ dst: '33:33:00:00:00:01', src: A, vlans: [], ethertype: 0x86dd, payload: new Uint8Array(40) });
    expect(isIpv6(v6)).toBe(true);
    expect(isIpv6(emitEthernet({ dst: '33:33:00:00:00:01', src: A, vlans: [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 3 }], ethertype: 0x86dd, payload: new Uint8Array(40) }))).toBe(true);
    expect(isIpv6(arpRequest({ src: A, senderIp: 1, targetIp: 2 }))).toBe(false);
    expect(isIpv6(new Uint8Array(5))).toBe(false);
  });
});
