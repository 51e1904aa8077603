/**
 * The CI sample of the VM-measured fixture folders, chosen by a rule rather than a list:
 * one case per device-kind family, the family being the case name's first word
 * (`vlan-…`, `ipvlan-…`, `dummy-…`, `bridge-…`, `ipip-…`, `gre-…`, `gretap-…`, `bond-…`,
 * `vrf-…`; the fuzz findings `vm-seed-N` are the family `vm`). Within a family the case with
 * the fewest probes is taken (then the first by name), so the sample stays quick and a new
 * family added to a folder is sampled in the same boot without editing any test. Only cases
 * the simulator is held to (the conformance ratchet list) are sampled: a case left off it is
 * one whose kernel answer is not yet settled, and it would make the sample flaky.
 */
import { basename } from 'node:path';
import { listCaseDirs } from '../case-dir';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A case name's family: its first word (`gretap-basic` → `gretap`). */
export function kindFamily(name: string): string {
  return name.split('-')[0];
}

/** Probe lines of a case folder (comments and blank lines left out). */
function probeCount(dir: string): number {
  return readFileSync(join(dir, 'probes.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).length;
}

/** One case folder per family over `roots`, ordered by family. */
export function familySample(roots: string[], held?: ReadonlySet<string>): string[] {
  const best = new Map<string, { dir: string; probes: number }>();
  for (const dir of roots.flatMap(listCaseDirs)) {
    if (held && !held.has(`${basename(join(dir, '..'))}/${basename(dir)}`)) continue;
    const f = kindFamily(basename(dir));
    const probes = probeCount(dir);
    const cur = best.get(f);
    if (!cur || probes < cur.probes || (probes === cur.probes && basename(dir) < basename(cur.dir))) best.set(f, { dir, probes });
  }
  return [...best.keys()].sort().map((f) => best.get(f)!.dir);
}
