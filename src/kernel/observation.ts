/**
 * Turning the raw outputs a sandbox left in its results folder (driver-script.ts) into an
 * Observation, in the exact shape and order of the conformance harness's single-run output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFrame, isIpv6, type MacLabeler } from '../core/capture/describe';
import { LINKTYPE_ETHERNET, readPcapFile } from '../core/capture/pcap';
import type { Capture, Observation, ObservedFrame, ProbeResult } from '../core/observation/types';
import type { WorldHeader } from '../core/world/header';
import { LAN_NS_PREFIX } from '../core/world/sandbox-world';
import type { ProbeFile } from '../core/world/probes';
import { labelArping, parseArping, parsePing, splitLines } from './parse-probes';
import { parseConnect, parseTraceroute } from './parse-transport';
import { collectFdb, collectLinks, collectState, parseJsonList, type NamespaceDump } from './parse-state';

/** An observation of one run, with the run's duration as the harness prints it. */
export type KernelObservation = Observation & { seconds: number };

function read(dir: string, file: string): string | null {
  const p = join(dir, file);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

/** Seconds since the epoch as [whole seconds, nanoseconds], from `date +%s.%N`. */
function parseTime(t: string): [number, number] {
  const [s, f = '0'] = t.trim().split('.');
  return [Number(s), Number(f.padEnd(9, '0').slice(0, 9))];
}

function notBefore(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
}

/** Python's `'%s' % value` of a header field, for the `world` block. */
function worldOf(header: WorldHeader): unknown {
  return {
    phys: header.phys.map((p) => ({ name: p.name, addrs: p.addrs, lan: p.lan, mac: p.mac, hairpin: p.hairpin, down: p.down })),
    hosts: header.hosts.map((h) => ({ name: h.name, addrs: h.addrs, lan: h.lan, mac: h.mac, via: h.via })),
  };
}

function readCapture(dir: string, i: number, windows: [number, number][], label: MacLabeler): Capture {
  const state = (read(dir, `cap${i}.state`) ?? '').trim();
  if (state !== 'running') {
    const msg = splitLines(read(dir, `cap${i}.err`) ?? '')
      .map((m) => m.trim())
      .filter((m) => m && !m.includes('listening on'));
    const rc = state.startsWith('exited ') ? state.slice(7) : '?';
    return { error: msg.length ? msg[msg.length - 1].replace(/^tcpdump: /, '') : `tcpdump exited ${rc}` };
  }
  const p = join(dir, `cap${i}.pcap`);
  const bytes = existsSync(p) ? new Uint8Array(readFileSync(p)) : new Uint8Array();
  if (bytes.length < 24) return { frames: [] };
  const file = readPcapFile(bytes);
  if (file.linktype !== LINKTYPE_ETHERNET) return { error: `linktype ${file.linktype} not decoded` };
  const frames: ObservedFrame[] = [];
  for (const pkt of file.packets) {
    if (pkt.bytes.length >= 14 && isIpv6(pkt.bytes)) continue;
    let idx = -1;
    windows.forEach((w, k) => {
      if (notBefore([pkt.sec, pkt.nsec], w)) idx = k;
    });
    frames.push({ probe: idx, ...describeFrame(pkt.bytes, label) } as ObservedFrame);
  }
  return { frames };
}

/** Builds the observation from a finished sandbox's results folder. */
export function readObservation(
  dir: string,
  name: string,
  header: WorldHeader,
  probes: ProbeFile,
  sourceCommand: string,
): KernelObservation {
  const nsNames = splitLines(read(dir, 'ns.txt') ?? 'host\n').filter((x) => x.trim());
  const dumps: NamespaceDump[] = nsNames.map((ns, i) => ({
    ns,
    link: parseJsonList(read(dir, `s${i}.link`)),
    addr: parseJsonList(read(dir, `s${i}.addr`)),
    neigh: parseJsonList(read(dir, `s${i}.neigh`)),
    route: read(dir, `s${i}.route`) ?? '',
    fdb: parseJsonList(read(dir, `s${i}.fdb`)),
  }));
  const visible = dumps.filter((d) => !d.ns.startsWith(LAN_NS_PREFIX));
  const { links, label } = collectLinks(dumps);
  const { neigh, routes } = collectState(visible, label);
  const fdb = collectFdb(visible, label);

  const results: ProbeResult[] = probes.probes.map((p, i) => {
    const rc = Number((read(dir, `probe${i}.rc`) ?? '255').trim());
    const out = read(dir, `probe${i}.out`) ?? '';
    const err = read(dir, `probe${i}.err`) ?? '';
    if (p.kind === 'tcp' || p.kind === 'udp') return parseConnect(p.line, p.kind, rc, out, err);
    if (p.kind === 'traceroute') return parseTraceroute(p.line, rc, out, err, p.dst);
    return p.kind === 'ping' ? parsePing(p.line, rc, out, err) : labelArping(parseArping(p.line, rc, out, err), label);
  });
  const windows = splitLines(read(dir, 'windows') ?? '').filter((x) => x.trim()).map(parseTime);
  const captures: Record<string, Capture> = {};
  probes.captures.forEach((c, i) => {
    captures[`${c.ns}:${c.dev}`] = readCapture(dir, i, windows, label);
  });

  const failed: { line: number; rc: number; cmd: string }[] = [];
  for (const l of (read(dir, 'errlog.tsv') ?? '').split('\n')) {
    const parts = l.split('\t');
    if (parts.length < 3) continue;
    const cmd = parts.slice(2).join('\t');
    if (cmd !== sourceCommand) failed.push({ line: Number(parts[0]), rc: Number(parts[1]), cmd });
  }
  const [t0, t1] = (read(dir, 'times') ?? '0 0').trim().split(/\s+/).map(Number);
  return {
    format: 1,
    case: name,
    kernel: (read(dir, 'kernel.txt') ?? '').trim(),
    world: worldOf(header),
    setup: {
      exit: Number((read(dir, 'setup.rc') ?? '999').trim()),
      failed,
      stderr: splitLines(read(dir, 'setup.err') ?? '').filter((l) => l.trim()),
    },
    probes: results,
    captures,
    neigh,
    links: Object.fromEntries(Object.entries(links).filter(([k]) => !k.startsWith(LAN_NS_PREFIX))),
    routes,
    fdb,
    seconds: Math.round((t1 - t0) * 100) / 100,
  };
}
