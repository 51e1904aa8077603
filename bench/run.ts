/**
 * `npm run bench`: prints, in one run,
 *  1. a bare event-loop baseline: the simulator's own engine running trivial events;
 *  2. simulated frame events per second (pings across a bridge), measured the same way;
 *  3. the time to compute a full ping matrix on designs of 10, 100 and 1000 namespaces.
 * Figures only: nothing here asserts a timing.
 */
import { performance } from 'node:perf_hooks';
import { Engine } from '../src/core/sim/engine/engine';
import { SimSession } from '../src/core/sim/session';
import { addressOf, bridgedNamespaces } from './generate';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function baseline(events: number): number {
  const engine = new Engine();
  let left = events;
  // Each event schedules the next, 8 in flight, like a few frames crossing hops.
  const tick = () => { if (--left > 0) engine.after(1000, tick); };
  for (let i = 0; i < 8; i++) engine.after(i, tick);
  const t0 = performance.now();
  while (engine.step()) { /* drain */ }
  return engine.executed / ((performance.now() - t0) / 1000);
}

/** Pings from every source to every other namespace, one source at a time, all its pings at once. */
function pingMatrix(n: number, sources = n): { seconds: number; pings: number; ok: number; events: number; frames: number } {
  const design = bridgedNamespaces(n);
  const t0 = performance.now();
  const s = new SimSession(design, { seed: 1 });
  let pings = 0;
  let ok = 0;
  for (let a = 1; a <= sources; a++) {
    const handles = [];
    for (let b = 1; b <= n; b++) if (b !== a) handles.push(s.ping(`ns${a}`, addressOf(b)));
    s.runUntil((s.now + 5e9) as never);
    pings += handles.length;
    ok += handles.filter((h) => h.result?.ok).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const frames = s.traceSince(0).filter((e) => e.kind.startsWith('frame')).length;
  return { seconds, pings, ok, events: s.sim.engine.executed, frames };
}

function main() {
  console.log('vnetlab bench (node', process.version + ')');
  baseline(200_000); // warm-up
  const base = Math.max(baseline(2_000_000), baseline(2_000_000));
  console.log(`bare event loop:        ${fmt(base)} events/s`);

  pingMatrix(10); // warm-up
  const warm = pingMatrix(30);
  const simRate = warm.events / warm.seconds;
  console.log(`simulated frame events: ${fmt(simRate)} events/s (${fmt(warm.frames)} frame trace events, ${fmt(warm.events)} engine events, 30-namespace matrix) = ${(simRate / base * 100).toFixed(1)}% of baseline`);

  for (const n of [10, 100, 1000]) {
    // A full 1000×999 matrix is a million pings; sample 50 sources and scale, and say so.
    const sources = n === 1000 ? 50 : n;
    const r = pingMatrix(n, sources);
    const scale = n / sources;
    const note = sources < n ? ` (measured ${sources} of ${n} sources, ${r.seconds.toFixed(2)} s; scaled)` : '';
    console.log(`ping matrix ${String(n).padStart(4)} namespaces: ${(r.seconds * scale).toFixed(2)} s for ${fmt(r.pings * scale)} pings, ${r.ok}/${r.pings} replied, ${fmt(r.events / r.seconds)} events/s${note}`);
  }
}

main();
