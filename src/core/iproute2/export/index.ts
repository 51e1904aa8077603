/**
 * The script exporter: one runnable bash script per designed (role 'host') machine, in
 * three flavours: `setup` (build it on a real host), `teardown` (undo it) and `sandbox`
 * (build the world and the design in throw-away namespaces). Every value is single-quoted,
 * so names the kernel accepts are created exactly; designs whose names the kernel refuses
 * are not exported at all.
 */
import type { Diagnostic } from '../../model/diagnostics';
import { rootNamespace } from '../../model/design';
import type { Design, Host, Id } from '../../model/types';
import { validateDesign } from '../../model/validate';
import { formatWorldHeader } from '../../world/header';
import { sandboxWorldSteps } from '../../world/sandbox-world';
import { planExternal, planHost } from './machine-plan';
import { sandboxEpilogue, sandboxPrologue } from './sandbox-wrapper';
import { ScriptWriter } from './script-writer';
import { emitSetup, type Coverage } from './setup-phases';
import { emitTeardown } from './teardown';
import { savedTestCommand, savedTestNamespace } from './saved-tests';
import { exportWorld, headerAddress } from './world-header';

export type ExportMode = 'setup' | 'teardown' | 'sandbox';

export interface ExportedScript {
  hostId: Id;
  fileName: string;
  text: string;
  /** Script line (1-based) → the design objects it creates or configures. */
  lines: { line: number; objects: Id[] }[];
}

export interface ExportResult {
  scripts: ExportedScript[];
  diagnostics: Diagnostic[];
}

/**
 * Problems that make a faithful script impossible: a name the kernel refuses, a clash, a
 * reference to nothing. Other errors are exported anyway (the kernel will refuse that line).
 */
const BLOCKING = new Set([
  'duplicate-id', 'root-namespace', 'bad-host-name', 'bad-lan-name', 'duplicate-lan-name', 'duplicate-host-name',
  'bad-netns-name', 'duplicate-netns-name', 'unknown-namespace', 'bad-interface-name', 'loopback-name',
  'unknown-peer', 'self-peer', 'peer-not-veth', 'asymmetric-peer', 'unknown-parent', 'self-parent', 'unknown-master',
  'master-not-bridge', 'unknown-lan', 'duplicate-interface-name', 'loopback-count', 'unknown-device',
]);

/** Exports every designed machine, or refuses with diagnostics. */
export function exportDesign(design: Design, opts: { mode: ExportMode } = { mode: 'setup' }): ExportResult {
  const validation = validateDesign(design);
  const blocking = validation.filter((d) => d.level === 'error' && d.code && BLOCKING.has(d.code));
  if (blocking.length > 0) {
    return { scripts: [], diagnostics: [...blocking.map((d) => ({ ...d, message: `cannot export: ${d.message}` }))] };
  }
  const diagnostics: Diagnostic[] = validation.filter((d) => d.level === 'error');
  const machines = design.hosts.filter((h) => h.role === 'host');
  const results = machines.map((host) => exportHost(design, host.id, opts.mode, machines.length));
  for (const r of results) diagnostics.push(...r.diagnostics);
  // a world the header cannot state would be rebuilt wrongly by whoever reads the script
  if (results.some((r) => r.diagnostics.some((d) => d.code === 'header-name'))) {
    return { scripts: [], diagnostics: diagnostics.filter((d) => d.code === 'header-name') };
  }
  return { scripts: results.map((r) => r.script), diagnostics };
}

/** The scripts of every designed machine (empty when the design cannot be exported). */
export function exportScripts(design: Design, opts: { mode: ExportMode } = { mode: 'setup' }): ExportedScript[] {
  return exportDesign(design, opts).scripts;
}

function exportHost(design: Design, hostId: Id, mode: ExportMode, count: number): { script: ExportedScript; diagnostics: Diagnostic[] } {
  const host = design.hosts.find((h) => h.id === hostId)!;
  const world = exportWorld(design, host);
  const root = rootNamespace(host);
  const plan = planHost(host);
  const hostCover: Coverage = {
    address: (d, a) => d.kind === 'physical' && d.ns === root.id && headerAddress(a),
    mac: (d) => d.kind === 'physical',
    up: (d) => d.kind === 'loopback' ? d.ns === root.id : d.kind === 'physical' && d.ns === root.id && d.up,
    route: () => false,
  };

  const w = new ScriptWriter();
  w.raw('#!/usr/bin/env bash');
  const what = { setup: 'Builds', teardown: 'Removes', sandbox: 'Builds, in a throw-away sandbox,' }[mode];
  w.raw(`# ${what} the network of machine "${oneLine(host.name)}"${design.title ? `: ${oneLine(design.title)}` : ''}.`);
  w.raw('# Exported by vnetlab. Run as root.');
  const headerLines = formatWorldHeader(world.header);
  if (headerLines.length) {
    w.raw('#', '# The world outside this machine (physical NICs, machines on their LANs):');
    headerLines.forEach((l, i) => w.cmd(l, ...world.headerObjects[i]));
  }
  if (mode === 'teardown') {
    // a teardown must go on past whatever is already gone
    w.raw('', 'set -u');
    emitTeardown(w, plan, hostCover);
  } else {
    w.raw('', 'set -euo pipefail');
    if (mode === 'sandbox') {
      w.raw('');
      for (const l of sandboxPrologue()) w.raw(l);
      const steps = sandboxWorldSteps(world.header);
      if (steps.length) w.raw('', '# The world outside the machine (from the header): LAN switches, NICs, external machines');
      for (const step of steps) {
        const decl = step.phys ?? (step.host === undefined ? undefined : world.header.phys.length + step.host);
        w.cmd(step.command, ...(decl === undefined ? [] : world.headerObjects[decl]));
      }
    }
    emitSetup(w, plan, hostCover, { namespaces: true });
    emitExternals(w, world);
    emitScriptTests(w, design, host, mode);
    if (mode === 'sandbox') for (const l of sandboxEpilogue()) w.raw(l);
  }
  if (w.literalExpansions) {
    // shellcheck's SC2016 ("expressions don't expand in single quotes") is the point here
    w.insert(1, '# Names are single-quoted on purpose: "$" and backquotes in them are literal.', '# shellcheck disable=SC2016');
  }
  const base = count > 1 ? safeFileWord(host.name) : 'network';
  const fileName = `${base}-${mode}.sh`;
  const attached = host.devices.filter((d) => (d.kind === 'tap' || d.kind === 'tun') && d.attached).map((d): Diagnostic => ({
    level: 'warning', code: 'tuntap-attached', object: d.id,
    message: `${d.name} is marked as opened by a program; the script creates it, but it has carrier only once a program (a VM, a VPN daemon) opens it`,
  }));
  return { script: { hostId, fileName, text: w.text(), lines: w.lines() }, diagnostics: [...world.diagnostics, ...attached] };
}

/** External machines' configuration beyond the header, as `ip netns exec PEER …` commands. */
function emitExternals(w: ScriptWriter, world: ReturnType<typeof exportWorld>): void {
  for (const ext of world.externals) {
    const plan = planExternal(ext.host, ext.nic?.id);
    const cover: Coverage = {
      address: (d, a) => d.id === ext.nic?.id && headerAddress(a),
      mac: (d) => d.id === ext.nic?.id,
      up: (d) => d.kind === 'loopback' || d.id === ext.nic?.id,
      route: (r) => r === ext.via,
    };
    const sub = new ScriptWriter();
    emitSetup(sub, plan, cover, { namespaces: false });
    if (sub.lineCount === 0) continue;
    w.section(
      `External machine ${oneLine(ext.host.name)}: configuration the header cannot state.`,
      'These lines run where external machines are namespaces (the sandbox, the conformance harness).',
    );
    const text = sub.text().replace(/\n$/, '').split('\n');
    const map = new Map(sub.lines().map((l) => [l.line, l.objects]));
    text.forEach((line, i) => {
      const objs = map.get(i + 1);
      if (objs) w.cmd(line, ...objs);
    });
  }
}

/**
 * The imported script's own pings, arpings and neighbour flushes (saved tests of origin
 * `script`), after the configuration, as the simulator runs them. On a real machine only the
 * machine's own namespaces exist; the sandbox also has the external machines.
 */
function emitScriptTests(w: ScriptWriter, design: Design, host: Host, mode: ExportMode): void {
  const names = new Set(host.namespaces.map((n) => n.name));
  if (mode === 'sandbox') for (const h of design.hosts) if (h.role === 'external') names.add(h.name);
  const tests = (design.tests ?? []).filter((t) => t.origin === 'script' && names.has(savedTestNamespace(t) ?? ''));
  w.section("The script's own checks: a probe that fails prints a notice and the script goes on.");
  for (const t of tests) {
    const line = savedTestCommand(t);
    if (line) w.cmd(line);
  }
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** A file-name word for a machine name: letters, digits, `-`, `_`, `.`. */
function safeFileWord(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '_') || 'host';
}
