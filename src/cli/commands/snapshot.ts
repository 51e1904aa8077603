/** `vnetlab snapshot [-o FILE]`: the network of this machine, every namespace, as a snapshot file. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { COLLECTOR_PROGRAM } from '../../core/snapshot/collector';
import { parseDump, serializeSnapshot } from '../../core/snapshot/dump';
import { EXIT } from '../command';
import { takeOption } from '../input';

export const name = 'snapshot';
export const summary = "record this machine's network (every namespace) as a snapshot file (JSON)";
export const usage = `usage: vnetlab snapshot [-o SNAPSHOT.json]

  Reads, and never changes, the network of this machine: for its own namespace, every
  \`ip netns\` namespace and every other namespace a process holds (containers), it records
  ip -j -d link, ip -j addr, ip -j route show table all, ip -j neigh, bridge -j fdb|vlan|link,
  the sysctls vnetlab models and iptables-save, and writes one JSON file (docs/snapshot-format.md)
  to stdout or SNAPSHOT.json. \`vnetlab import SNAPSHOT.json\` turns it into a design.
  Without root only the namespaces the kernel lets it enter are read; the others are listed
  as unreadable. Exit status: 0, 1 if the collector could not run, 2 for usage errors.`;

/** Runs the collector and returns its dump text. */
export function collectDump(): { dump?: string; error?: string } {
  const r = spawnSync('sh', ['-c', COLLECTOR_PROGRAM], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) return { error: r.error.message };
  if (r.status !== 0) return { error: `the collector ended with status ${r.status}: ${r.stderr.trim().split('\n')[0] ?? ''}` };
  return { dump: r.stdout };
}

export async function run(args: string[]): Promise<number> {
  const o = takeOption(args, ['-o', '--output']);
  if (o.error || o.rest.length) {
    process.stderr.write(`${o.error ? `vnetlab snapshot: ${o.error}\n` : ''}${usage}\n`);
    return EXIT.usage;
  }
  const c = collectDump();
  const parsed = c.dump !== undefined ? parseDump(c.dump) : { ok: false as const, error: c.error ?? 'no output' };
  if (!parsed.ok) {
    process.stderr.write(`vnetlab snapshot: ${parsed.error}\n`);
    return EXIT.unreadable;
  }
  const json = serializeSnapshot(parsed.snapshot);
  if (o.value) writeFileSync(o.value, json);
  else process.stdout.write(json);
  return EXIT.ok;
}
