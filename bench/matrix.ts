/**
 * The ping matrix on the simulator: N namespaces on one bridge (generate.ts), pings from
 * some sources to every other namespace, one source at a time with all its pings at once.
 * The simulator is passed in (`SimCode`) so that an earlier commit's simulator can be run by
 * the same code (`--compare REV`).
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Design } from '../src/core/model/types';

/** The parts of a simulator checkout the bench drives. */
export interface SimCode {
  label: string;
  bridgedNamespaces(n: number): Design;
  addressOf(i: number): string;
  SimSession: new (design: Design, o: { seed: number }) => Session;
}

/** The session surface the bench uses (stable across commits). */
interface Session {
  sim: { frameEvents: number; engine: { executed: number }; trace: { recordAllFrames: boolean; length: number } };
  now: number;
  ping(ns: string, dst: string): { result?: { ok: boolean } | null };
  runUntil(t: never): void;
}

/** The simulator of the checkout at `root` (its own bench/generate.ts and session.ts). */
export async function loadSimCode(root: string, label: string): Promise<SimCode> {
  const gen = (await import(pathToFileURL(join(root, 'bench/generate.ts')).href)) as Pick<SimCode, 'bridgedNamespaces' | 'addressOf'>;
  const session = (await import(pathToFileURL(join(root, 'src/core/sim/session.ts')).href)) as Pick<SimCode, 'SimSession'>;
  return { label, bridgedNamespaces: gen.bridgedNamespaces, addressOf: gen.addressOf, SimSession: session.SimSession };
}

export interface MatrixResult {
  /** Building the simulation and running it, seconds. */
  seconds: number;
  /** Running only, seconds. */
  runSeconds: number;
  /**
   * Running only, CPU seconds of this process (user + system). Rates are taken over this:
   * on a shared machine, wall time also counts the time other work had the CPU.
   */
  cpuSeconds: number;
  pings: number;
  ok: number;
  frameEvents: number;
  engineEvents: number;
  traceEvents: number;
}

/** Evenly spread sources: 1 + floor(k · n / sources). */
export function sourcesOf(n: number, sources: number): number[] {
  return Array.from({ length: sources }, (_, k) => 1 + Math.floor((k * n) / sources));
}

export function pingMatrix(code: SimCode, n: number, sources: number, fullTrace: boolean): MatrixResult {
  const design = code.bridgedNamespaces(n);
  const t0 = performance.now();
  const s = new code.SimSession(design, { seed: 1 });
  s.sim.trace.recordAllFrames = fullTrace;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  let pings = 0;
  let ok = 0;
  for (const a of sourcesOf(n, sources)) {
    const handles = [];
    for (let b = 1; b <= n; b++) if (b !== a) handles.push(s.ping(`ns${a}`, code.addressOf(b)));
    s.runUntil((s.now + 5e9) as never);
    pings += handles.length;
    for (const h of handles) if (h.result?.ok) ok++;
  }
  const t2 = performance.now();
  const c2 = process.cpuUsage(c1);
  return { seconds: (t2 - t0) / 1000, runSeconds: (t2 - t1) / 1000, cpuSeconds: (c2.user + c2.system) / 1e6, pings, ok, frameEvents: s.sim.frameEvents, engineEvents: s.sim.engine.executed, traceEvents: s.sim.trace.length };
}
