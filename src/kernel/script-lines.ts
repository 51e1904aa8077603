/**
 * Which lines of a person's script count when `verify` compares failed lines: the kernel run
 * logs every command bash's ERR trap sees fail, but only network commands say anything
 * about the network (a failing `grep` or `test` in a helper does not), and a script's own
 * `ping` line fails exactly when the ping gets no reply — bash's exit status of that line —
 * which the simulator can tell.
 */
import type { Design } from '../core/model/types';
import { parseProbes } from '../core/world/probes';
import { simulateDesign } from './collaborators';

/** Commands whose failure is a statement about the network. */
const NETWORK = new Set(['ip', 'bridge', 'brctl', 'sysctl', 'iptables', 'iptables-legacy', 'iptables-nft', 'tc', 'ethtool', 'ping', 'arping', 'modprobe', 'tunctl']);

/** The words of a line with wrappers (`sudo`, `timeout N`, `ip netns exec NS`, `exec`) taken off. */
function commandWords(line: string): { words: string[]; ns: string } {
  let words = line.trim().replace(/\s+#.*$/, '').split(/\s+/).filter(Boolean).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
  let ns = 'host';
  for (let changed = true; changed && words.length;) {
    changed = false;
    if (words[0] === 'sudo' || words[0] === 'exec' || words[0] === 'command') { words = words.slice(1); changed = true; }
    else if (words[0] === 'timeout' && words.length > 2) { words = words.slice(2); changed = true; }
    else if (words[0] === 'ip' && words[1] === 'netns' && words[2] === 'exec' && words.length > 4) { ns = words[3]; words = words.slice(4); changed = true; }
  }
  return { words, ns };
}

/** Whether line `n` (1-based) of `text` runs a network command. */
export function isNetworkLine(text: string, n: number): boolean {
  const line = text.split('\n')[n - 1];
  if (line === undefined) return false;
  const { words } = commandWords(line);
  return words.length > 0 && NETWORK.has(words[0].replace(/^.*\//, ''));
}

/** A plain `ping` line (its exit status reaches the ERR trap) as a probe-file line, if it is one. */
export function pingLineProbe(line: string): string | undefined {
  if (/\|\||&&|[|;`!]|\$\(|^\s*(if|while|until|elif)\b/.test(line)) return undefined;
  const { words: raw, ns } = commandWords(line);
  if (raw[0]?.replace(/^.*\//, '') !== 'ping') return undefined;
  // `-c1` is `-c 1`
  const words = raw.flatMap((w) => { const m = /^-([cWwIist])(.+)$/.exec(w); return m ? [`-${m[1]}`, m[2]] : [w]; });
  let count: number | undefined;
  let wait: number | undefined;
  let iface: string | undefined;
  let dst: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const v = words[i + 1];
    if (w === '-c') { count = Number(v); i++; }
    else if (w === '-W') { wait = Number(v); i++; }
    else if (w === '-w') { wait = Number(v); count ??= Number(v); i++; }
    else if (w === '-I') { iface = v; i++; }
    else if (w === '-i' || w === '-s' || w === '-t') i++;
    else if (/^-[qnOD4]+$/.test(w)) continue;
    else if (w.startsWith('-')) return undefined;
    else dst = w;
  }
  // a ping without -c or -w never ends: not something a script line can finish with
  if (!dst || count === undefined || !Number.isFinite(count) || !/^\d+\.\d+\.\d+\.\d+$/.test(dst)) return undefined;
  const opts = [`count=${count}`];
  if (wait !== undefined && Number.isFinite(wait)) opts.push(`wait=${wait}`);
  if (iface && /^\d+\.\d+\.\d+\.\d+$/.test(iface)) opts.push(`src=${iface}`);
  else if (iface) opts.push(`iface=${iface}`);
  return `ping ${ns} ${dst} ${opts.join(' ')}`;
}

/**
 * The lines the simulator side says fail: the importer's refused lines plus the plain
 * `ping` lines whose ping the simulator answers with no reply.
 */
export async function scriptFailedLines(text: string, design: Design, importerFailed: number[], seed: number): Promise<number[]> {
  const lines = text.split('\n');
  const pings: { line: number; probe: string }[] = [];
  lines.forEach((l, i) => {
    const probe = pingLineProbe(l);
    if (probe) pings.push({ line: i + 1, probe });
  });
  const failed = new Set(importerFailed);
  if (pings.length) {
    const { probes } = parseProbes(pings.map((p) => p.probe).join('\n') + '\n');
    const sim = await simulateDesign(design, probes, seed);
    sim.probes.forEach((r, i) => {
      if (pings[i] && !r.ok) failed.add(pings[i].line);
    });
  }
  return [...failed].sort((a, b) => a - b);
}
