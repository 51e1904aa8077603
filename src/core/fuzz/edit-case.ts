/**
 * From an editing session to a differential case: the design it leaves, the setup script the
 * exporter writes for it (world header included) and pings between the design's addresses.
 * A design with validation errors is not a case (the app would not offer its export either);
 * a design that validates but that the exporter refuses is reported as such.
 */
import { produce } from 'immer';
import { exportDesign } from '../iproute2/export/index';
import type { Design } from '../model/types';
import { validateDesign } from '../model/validate';
import { playSession, type EditStep } from './edit-session';

export interface EditCase {
  design: Design;
  /**
   * The network the script builds, to simulate beside the kernel: the design without what a
   * script cannot do (the exporter warns of both): a program holding a tap/tun open, external
   * machines on none of the machine's LAN segments.
   */
  built: Design;
  /** The exported setup script, when the design validates and exports. */
  script?: string;
  /** probes.txt lines. */
  probes: string[];
  /** Why there is no script: validation errors, or the exporter's refusal (`export:` prefix). */
  skipped?: string;
}

export interface EditCaseOptions {
  /** Upper bound on pings (default 8). */
  maxProbes?: number;
  /** `wait=` of each ping in seconds (default 2). */
  wait?: number;
}

/** A name the probe-file syntax can carry as one word. */
const word = (s: string) => /^[^\s#=]+$/u.test(s);

/** Pings from namespaces that have devices to the design's addresses, spread evenly. */
export function sessionProbes(design: Design, opts: EditCaseOptions = {}): string[] {
  const max = opts.maxProbes ?? 8;
  const wait = opts.wait ?? 2;
  const sources: string[] = [];
  const targets: string[] = [];
  for (const h of design.hosts) {
    for (const ns of h.namespaces) {
      const label = ns.root ? h.name : ns.name;
      const here = h.devices.filter((d) => d.ns === ns.id);
      const addrs = here.flatMap((d) => d.addresses.map((a) => a.cidr.split('/')[0]));
      if (!word(label)) continue;
      // a namespace with devices but no address pings too: "Network is unreachable" is a verdict
      if (addrs.length || here.some((d) => d.kind !== 'loopback')) sources.push(label);
      for (const a of addrs) if (!targets.includes(a)) targets.push(a);
    }
  }
  const pairs: string[] = [];
  for (const s of sources) for (const t of targets) pairs.push(`ping ${s} ${t} wait=${wait}`);
  if (pairs.length <= max) return pairs;
  // an even spread keeps the choice a pure function of the design
  const step = pairs.length / max;
  return Array.from({ length: max }, (_, i) => pairs[Math.floor(i * step)]);
}

/** The case a session makes. */
export function editCase(steps: readonly EditStep[], opts: EditCaseOptions = {}): EditCase {
  const { design } = playSession(steps);
  return designCase(design, opts);
}

/** The case of a design (validated, exported, probed). */
export function designCase(design: Design, opts: EditCaseOptions = {}): EditCase {
  const errors = validateDesign(design).filter((d) => d.level === 'error');
  if (errors.length) return { design, built: design, probes: [], skipped: errors.map((e) => `${e.code}: ${e.message}`).join('; ') };
  const r = exportDesign(design, { mode: 'setup' });
  if (!r.scripts.length) return { design, built: design, probes: [], skipped: `export: ${r.diagnostics.map((d) => d.message).join('; ')}` };
  const left = new Set(r.diagnostics.filter((d) => d.code === 'external-not-on-lan').map((d) => d.object));
  const built = produce(design, (d) => {
    d.hosts = d.hosts.filter((h) => !left.has(h.id));
    for (const h of d.hosts) for (const dev of h.devices) if (dev.kind === 'tap' || dev.kind === 'tun') delete dev.attached;
  });
  return { design, built, script: r.scripts[0].text, probes: sessionProbes(built, opts) };
}
