/**
 * Live-host import checked on the kernel: for every conformance case this kernel can run and
 * for generated designs (fixed seed), build → snapshot → import → export → build afresh →
 * snapshot again gives the same network (snapshot-roundtrip.ts). CI runs 30 generated designs
 * at a fixed seed (its time share); `npm run fuzz:snapshot` runs 200, and
 * VNETLAB_SNAPSHOT_SEED / VNETLAB_SNAPSHOT_COUNT choose others.
 */
import { expect, it } from 'vitest';
import { generateFuzzCase, renderScript } from '../core/fuzz/generate';
import { listCaseDirs, readCaseDir } from './case-dir';
import { unsupportedFeatures } from './kernel-support';
import { limiter } from './pool';
import { describeAsRoot } from './root-suite';
import { importSnapshot } from '../core/snapshot/index';
import { bothCollectors, exportOfSnapshot, networkOf, snapshotOfScript } from './snapshot-roundtrip';

const JOBS = Number(process.env.VNETLAB_KERNEL_JOBS) || 6;
const COUNT = Number(process.env.VNETLAB_SNAPSHOT_COUNT) || 30;
const SEED = Number(process.env.VNETLAB_SNAPSHOT_SEED) || 31_500_000;
/**
 * Differences found and not yet understood, left out of the gating run by name with what was
 * seen (they still run under `npm run fuzz:snapshot` with VNETLAB_SNAPSHOT_ALL=1).
 */
const KNOWN: Record<string, string> = {};
const ROOTS = ['conformance', 'conformance-conntrack', 'conformance-fuzz', 'conformance-transport'];

async function roundTrip(script: string) {
  const first = await snapshotOfScript(script);
  const exported = exportOfSnapshot(first.snapshot);
  const second = await snapshotOfScript(exported.script);
  return { first: networkOf(first.snapshot), second: networkOf(second.snapshot), script: exported.script, stderr: second.stderr };
}

describeAsRoot('a host snapshot, imported, exported and run again, is the same network', () => {
  const run = limiter(JOBS);
  it('the one-line command prints what vnetlab snapshot reads, and imports to the same design', async () => {
    const script = 'ip netns add blue\nip link add v0 type veth peer name eth0 netns blue\nip link add br0 type bridge\nip link set v0 master br0 up\n'
      + 'ip -n blue addr add 10.0.0.2/24 dev eth0\nip -n blue link set eth0 up\nunshare --net sleep 60 &\nsleep 0.2\n';
    const { program, oneLiner } = await bothCollectors(script);
    expect(program).toContain('@@ns process');
    // the network moves on between the two runs (carrier, IPv6 autoconfiguration): the
    // namespaces and the designs are compared, not the bytes
    const heads = (t: string) => t.split('\n').filter((l) => l.startsWith('@@ns '));
    expect(heads(oneLiner)).toEqual(heads(program));
    const a = importSnapshot(program, 'dump');
    const b = importSnapshot(oneLiner, 'dump');
    expect(b.design).toEqual(a.design);
    expect(a.design!.hosts[0].namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['blue', expect.stringMatching(/^sleep-\d+$/)]));
  });
  const items: { name: string; script: string }[] = [];
  for (const root of ROOTS) {
    for (const dir of listCaseDirs(new URL(`../../fixtures/${root}`, import.meta.url).pathname)) {
      const c = readCaseDir(dir);
      items.push({ name: `${root}/${c.name}`, script: c.script });
    }
  }
  for (let i = 0; i < COUNT; i++) items.push({ name: `design seed ${SEED + i}`, script: renderScript(generateFuzzCase(SEED + i).elements) });
  const runs = items.map((item) => {
    const p = run(async () => ((await unsupportedFeatures(item.script)).length ? 'unsupported' as const : roundTrip(item.script)));
    p.catch(() => {});
    return { item, p };
  });
  for (const { item, p } of runs) {
    const known = process.env.VNETLAB_SNAPSHOT_ALL ? undefined : KNOWN[item.name];
    if (known) { it.skip(`${item.name} (known: ${known})`, () => {}); continue; }
    it(item.name, async () => {
      const r = await p;
      if (r === 'unsupported') return;
      expect(r.second, `exported:\n${r.script}\nits errors:\n${r.stderr}`).toEqual(r.first);
    });
  }
});
