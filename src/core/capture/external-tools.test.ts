/* eslint-disable no-restricted-imports -- this test drives the real tcpdump, tshark and the kernel harness's Python decoder */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arpReply, arpRequest, icmpEcho, icmpError, icmpFrame, ipv4Frame } from '../sim/wire/frames';
import { emitEthernet } from '../sim/wire/ethernet';
import { emitUdp, ipv4PseudoSum } from '../sim/wire/udp';
import { emitVxlan } from '../sim/wire/vxlan';
import { hex } from '../sim/wire/test-hex';
import { describeFrame, isIpv6 } from './describe';
import { readPcap, writePcap } from './pcap';
import { formatTcpdump } from './tcpdump';
import { decodableFrame, sampleFrames } from './test-frames';
import { VETH_ROUTER_PCAP_HEX } from './veth-router-capture';

const dir = mkdtempSync(join(tmpdir(), 'vnetlab-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const ORACLE_DIR = [resolve(process.cwd(), '../shared/conformance/lib'), '/work/shared/conformance/lib'].find((d) => existsSync(join(d, 'oracle.py')));
const hasTcpdump = have('tcpdump');
const hasTshark = have('tshark');
const hasPython = have('python3') && ORACLE_DIR !== undefined;
if (!hasTcpdump) console.warn('skipping tcpdump comparisons: tcpdump not installed');
if (!hasTshark) console.warn('skipping tshark checks: tshark not installed');
if (!hasPython) console.warn('skipping harness decoder comparison: python3 or shared/conformance/lib/oracle.py missing');

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const T0 = 1_700_000_000_123_456_000n;
const at = (i: number) => T0 + BigInt(i) * 1_000_500n;
const req = icmpEcho({ src: A, dst: B, srcIp: 0x0a000001, dstIp: 0x0a000002, id: 0x1234, seq: 1, ipId: 1234 });
const v10 = [{ tpid: 0x8100, pcp: 0, dei: 0, vid: 10 }];
const err = (kind: 'dest-unreach' | 'time-exceeded' | 'redirect', code: number, extra: object = {}) =>
  icmpError({ src: B, dst: A, srcIp: 0x0a0000fe, dstIp: 0x0a000001, kind, code, offending: req.subarray(14), ...extra });

/** A UDP datagram from 10.0.0.1 to 10.0.0.2 with its checksum (as VXLAN sends it). */
function udpFrame(sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const udp = emitUdp({ srcPort: sport, dstPort: dport, payload }, ipv4PseudoSum(0x0a000001, 0x0a000002, 8 + payload.length));
  return ipv4Frame({ src: A, dst: B, ip: { tos: 0, id: 5, flags: 0, fragOffset: 0, ttl: 64, proto: 17, src: 0x0a000001, dst: 0x0a000002, options: new Uint8Array(0), payload: udp } });
}

/** Frames tcpdump prints in full without -v: the kinds formatTcpdump decodes. */
const KNOWN: Uint8Array[] = [
  arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002 }),
  arpRequest({ src: A, senderIp: 0, targetIp: 0x0a000001, tha: 'ff:ff:ff:ff:ff:ff' }),
  arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002, dst: B }),
  arpReply({ src: B, senderIp: 0x0a000002, dst: A, targetIp: 0x0a000001 }),
  req,
  icmpEcho({ src: B, dst: A, srcIp: 0x0a000002, dstIp: 0x0a000001, id: 0x1234, seq: 1, reply: true }),
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((c) => err('dest-unreach', c)),
  err('dest-unreach', 4, { mtu: 1400 }),
  err('time-exceeded', 0), err('time-exceeded', 1), err('time-exceeded', 5),
  ...[0, 1, 2, 3, 7].map((c) => err('redirect', c, { gateway: 0x0a000003 })),
  arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002, vlans: v10 }),
  arpReply({ src: B, senderIp: 0x0a000002, dst: A, targetIp: 0x0a000001, vlans: [{ tpid: 0x8100, pcp: 5, dei: 1, vid: 4094 }] }),
  icmpEcho({ src: A, dst: B, srcIp: 0x0a000001, dstIp: 0x0a000002, id: 1, seq: 2, vlans: v10 }),
  arpRequest({ src: A, senderIp: 1, targetIp: 2, vlans: [{ tpid: 0x88a8, pcp: 0, dei: 0, vid: 100 }, ...v10] }),
  icmpFrame({ src: A, dst: B, srcIp: 1, dstIp: 2, msg: { kind: 'other', type: 4, code: 0, rest: 0, data: new Uint8Array(28) } }),
  ipv4Frame({ src: A, dst: B, ip: { tos: 0, id: 1, flags: 0, fragOffset: 0, ttl: 64, proto: 253, src: 1, dst: 2, options: new Uint8Array(0), payload: new Uint8Array(9) } }),
  udpFrame(40000, 9999, new Uint8Array(3)),
  udpFrame(45678, 4789, emitVxlan(42, req)),
  udpFrame(45678, 8472, emitVxlan(7, arpRequest({ src: A, senderIp: 0x0a000001, targetIp: 0x0a000002 }))),
  emitEthernet({ dst: B, src: A, vlans: [], ethertype: 0x88b5, payload: Uint8Array.from({ length: 47 }, (_, i) => i * 3) }),
  (() => { const p = new Uint8Array(60); p.set(arpRequest({ src: A, senderIp: 1, targetIp: 2 })); return p; })(),
];

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

function pcapOf(frames: Uint8Array[], name: string): string {
  const file = join(dir, name);
  writeFileSync(file, writePcap(frames.map((bytes, i) => ({ timeNs: at(i), bytes }))));
  return file;
}

const LABELS: Record<string, string> = { [A]: 'ns1:eth0', [B]: 'host:br0' };
const label = (m: string) => LABELS[m] ?? 'x:' + m;

/** The harness's own read_pcap + decode_frame over a file (null where it filters IPv6). */
function oracleDecode(file: string): unknown[] {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(ORACLE_DIR)})`,
    'import oracle',
    'lt, pkts = oracle.read_pcap(sys.argv[1])',
    'assert lt == 1, lt',
    `labels = json.loads(${JSON.stringify(JSON.stringify(LABELS))})`,
    "label = lambda m: labels.get(m, 'x:' + m)",
    'print(json.dumps([oracle.decode_frame(f, label) for _, f in pkts]))',
  ].join('\n');
  return JSON.parse(run('python3', ['-c', script, file])) as unknown[];
}

describe('against real tools', () => {
  it.skipIf(!hasTcpdump)('formats frames exactly as tcpdump -e -n -tt prints them', () => {
    const file = pcapOf(KNOWN, 'known.pcap');
    const ours = KNOWN.map((f, i) => formatTcpdump(f, at(i))).join('\n') + '\n';
    expect(run('tcpdump', ['-e', '-n', '-tt', '-r', file])).toBe(ours);
  });

  it.skipIf(!hasTcpdump)('formats 400 ARP, ping and ICMP error frames with random fields as tcpdump does', () => {
    const frames = sampleFrames(400, 11, decodableFrame);
    const file = pcapOf(frames, 'random.pcap');
    const ours = frames.map((f, i) => formatTcpdump(f, at(i))).join('\n') + '\n';
    expect(run('tcpdump', ['-e', '-n', '-tt', '-r', file])).toBe(ours);
  });

  it.skipIf(!hasTcpdump)('formats the default clock timestamp in UTC', () => {
    const file = pcapOf(KNOWN.slice(0, 3), 'clock.pcap');
    const ours = KNOWN.slice(0, 3).map((f, i) => formatTcpdump(f, at(i), { time: 'clock' })).join('\n') + '\n';
    expect(run('tcpdump', ['-e', '-n', '-r', file])).toBe(ours);
  });

  it.skipIf(!hasTshark)('writes pcaps that tshark decodes field for field, checksums valid', () => {
    const file = pcapOf(KNOWN.slice(0, 6), 'tshark.pcap');
    const out = run('tshark', ['-r', file, '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|',
      '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'eth.src', '-e', 'eth.dst', '-e', 'arp.opcode', '-e', 'arp.src.proto_ipv4', '-e', 'arp.dst.proto_ipv4',
      '-e', 'ip.checksum.status', '-e', 'icmp.type', '-e', 'icmp.checksum.status', '-e', 'icmp.seq']);
    expect(out.trim().split('\n')).toEqual([
      '1700000000.123456000|42|02:00:00:00:00:01|ff:ff:ff:ff:ff:ff|1|10.0.0.1|10.0.0.2||||',
      '1700000000.124456500|42|02:00:00:00:00:01|ff:ff:ff:ff:ff:ff|1|0.0.0.0|10.0.0.1||||',
      '1700000000.125457000|42|02:00:00:00:00:01|02:00:00:00:00:02|1|10.0.0.1|10.0.0.2||||',
      '1700000000.126457500|42|02:00:00:00:00:02|02:00:00:00:00:01|2|10.0.0.2|10.0.0.1||||',
      // checksum status 1 = good
      '1700000000.127458000|98|02:00:00:00:00:01|02:00:00:00:00:02||||1|8|1|1',
      '1700000000.128458500|98|02:00:00:00:00:02|02:00:00:00:00:01||||1|0|1|1',
    ]);
  });

  it.skipIf(!hasPython)('describes a real tcpdump capture exactly as the harness decoder', () => {
    const file = join(dir, 'real.pcap');
    writeFileSync(file, hex(VETH_ROUTER_PCAP_HEX));
    const packets = readPcap(hex(VETH_ROUTER_PCAP_HEX));
    expect(packets.map((p) => (isIpv6(p.bytes) ? null : describeFrame(p.bytes, label)))).toEqual(oracleDecode(file));
  });

  it.skipIf(!hasPython)('describes 2000 varied frames exactly as the harness decoder', () => {
    const frames = sampleFrames(2000);
    const theirs = oracleDecode(pcapOf(frames, 'oracle.pcap'));
    const ours = frames.map((f) => (isIpv6(f) ? null : describeFrame(f, label)));
    expect(theirs.length).toBe(frames.length);
    for (let i = 0; i < frames.length; i++) expect(ours[i], `frame ${i}`).toEqual(theirs[i]);
  });
});
