/**
 * The simulator behind the worker protocol: one design, one seeded engine, driven
 * incrementally (paced run, single steps, exact step back by re-simulation). Pure
 * TypeScript with no Worker API, so it runs in unit tests as it runs in the worker.
 *
 * Step back relies on determinism: the engine is seeded, so rebuilding the simulation and
 * replaying the same console commands at the same engine positions gives the same trace.
 */
import type { Design } from '../core/model/types';
import { buildSim } from '../core/sim/build';
import type { Sim } from '../core/sim/model';
import type { Nanos } from '../core/sim/engine/time';
import { CAPTURE_LEAD, FAST_HARNESS, SETTLE } from '../core/sim/simulate';
import { parseConsoleLine } from './console/parse';
import { isProbe, showCommand, startProbeCommand } from './console/run-command';
import type { SimResponse, Speed } from './protocol';
import { linkStates, snapshotTables } from './tables';
import { runSavedTests } from './saved-tests';

/** A probe typed in a console, pinned to the engine position where it started. */
interface LoggedCommand {
  id: number;
  ns: string;
  line: string;
  /** engine.executed and engine.now when the probe started. */
  executed: number;
  clock: number;
  applied: boolean;
  /** Output chunks already sent (a replay does not send them again). */
  sent: number;
}

/** Events above this many per tick end the tick early so the UI keeps up. */
const MAX_EVENTS_PER_TICK = 20_000;
/** Wall time one tick may spend simulating at full speed, ms. */
const TICK_BUDGET_MS = 12;
/** Quiet stretches that would take longer than this (wall ms) at the current speed are skipped. */
const IDLE_SKIP_MS = 1500;
/** Tables are sent at most once per this many ticks while running (they are read by people). */
const TABLE_EVERY_TICKS = 8;

/** Where the simulation starts for the console: after the harness's settle and capture lead. */
export const START_TIME = (SETTLE + CAPTURE_LEAD) as Nanos;

export class SimSession {
  private design?: Design;
  private seed = 1;
  private sim?: Sim;
  private shown = 0;
  private log: LoggedCommand[] = [];
  /** Probes started and not yet finished; the run pauses when the last one ends. */
  private active = 0;
  running = false;
  /**
   * Set by Pause, Step and Step back: the class is looking frame by frame, so a probe typed
   * now is staged (started, its first frames waiting) instead of starting the clock.
   */
  private paused = false;
  speed: Speed = 1e6;
  private tablesDirty = false;
  private ticksSinceTables = 0;

  constructor(private readonly emit: (r: SimResponse) => void, private readonly wallNow: () => number = () => 0) {}

  /** Builds the simulation of a design and lets it settle as the harness does before probes. */
  load(design: Design, seed: number): void {
    this.design = design;
    this.seed = seed;
    this.log = [];
    this.running = false;
    this.paused = false;
    this.rebuild();
    const sim = this.sim!;
    this.emit({ type: 'loaded', namespaces: sim.namespaces.map((n) => n.label), devices: sim.devs.map((d) => ({ ns: d.ns.label, dev: d.name, id: d.id, mac: d.mac })) });
    this.emit({ type: 'rewind', length: 0 });
    this.advanceTo(START_TIME);
    this.flush(true);
  }

  /** Runs saved tests on fresh simulations of `design`; the loaded simulation is not touched. */
  runTests(id: number, design: Design, tests: Design['tests'] & object): void {
    this.emit({ type: 'test-results', id, results: runSavedTests(design, tests, this.seed) });
  }

  /** Back to the loaded state: same design and seed, no console history. */
  reset(): void {
    if (this.design) this.load(this.design, this.seed);
  }

  /** Runs or answers a console line. */
  command(id: number, ns: string, line: string): void {
    const sim = this.sim;
    if (!sim) return this.emit({ type: 'console', id, text: 'no design loaded', done: true });
    const cmd = parseConsoleLine(line);
    // A configuration change is the design's: the UI applies it as an edit (and reloads us).
    if (cmd.kind === 'edit') return this.emit({ type: 'edit', id, ns, edit: cmd.edit });
    if (!isProbe(cmd)) return this.emit({ type: 'console', id, text: showCommand(sim, ns, cmd), done: true });
    // A new probe rewrites the future: commands after the current position are forgotten.
    this.log = this.log.filter((c) => c.applied);
    // The tool's process start-up, as the harness measured it, before the first packet.
    const entry: LoggedCommand = { id, ns, line, executed: 0, clock: 0, applied: false, sent: 0 };
    this.advanceTo((sim.engine.now + FAST_HARNESS.probeStartup) as Nanos);
    entry.executed = sim.engine.executed;
    entry.clock = sim.engine.now;
    this.log.push(entry);
    this.apply(entry);
    this.running = !this.paused;
    this.flush(true);
  }

  /** Advances the simulation by `wallMs` of wall time at the current speed; returns false when paused. */
  tick(wallMs: number): boolean {
    const sim = this.sim;
    if (!sim || !this.running) return false;
    if (this.speed === Infinity) {
      const t0 = this.wallNow();
      let n = 0;
      while (this.running && this.wallNow() - t0 < TICK_BUDGET_MS && n < MAX_EVENTS_PER_TICK) {
        const next = this.nextPosition();
        if (next === undefined) { this.running = false; break; }
        this.advanceTo(next);
        n++;
      }
    } else {
      let target = sim.engine.now + this.speed * wallMs;
      const next = this.nextPosition();
      if (next !== undefined && next > target && (next - sim.engine.now) / this.speed > IDLE_SKIP_MS) target = next;
      this.advanceTo(Math.floor(target) as Nanos);
    }
    this.flush(false);
    return this.running;
  }

  /** Shows the next trace event, running the engine until there is one. */
  step(): void {
    const sim = this.sim;
    if (!sim) return;
    this.running = false;
    this.paused = true;
    let guard = 0;
    while (sim.trace.length <= this.shown && guard++ < 100_000) {
      const next = this.nextPosition();
      if (next === undefined) break;
      this.advanceTo(next, true);
    }
    if (sim.trace.length > this.shown) {
      this.emit({ type: 'events', from: this.shown, events: sim.trace.events.slice(this.shown, this.shown + 1) });
      this.shown++;
    }
    this.emitStatus();
    this.emit({ type: 'tables', tables: snapshotTables(sim), links: linkStates(sim) });
  }

  /** Re-simulates from the start to the event before the last one shown. */
  stepBack(): void {
    if (!this.sim || this.shown === 0) return;
    this.running = false;
    this.paused = true;
    const target = this.shown - 1;
    this.rebuild();
    const sim = this.sim!;
    for (const c of this.log) c.applied = false;
    while (sim.trace.length < target) {
      const next = this.nextPosition();
      if (next === undefined) break;
      this.advanceTo(next, true);
    }
    this.shown = target;
    this.emit({ type: 'rewind', length: target });
    this.emitStatus();
    this.emit({ type: 'tables', tables: snapshotTables(sim), links: linkStates(sim) });
  }

  setRunning(on: boolean): void {
    this.running = on && !!this.sim;
    this.paused = !on;
    this.emitStatus();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed > 0 ? speed : 1e6;
    this.emitStatus();
  }

  /** The engine's time now (virtual ns). */
  get clock(): number {
    return this.sim?.engine.now ?? 0;
  }

  /** The running simulation, for tests and the long-task benchmark. */
  get current(): Sim | undefined {
    return this.sim;
  }

  private rebuild(): void {
    this.sim = buildSim(this.design!, { seed: this.seed });
    this.active = 0;
    this.shown = 0;
  }

  /** Time of the next thing to happen: an engine event or a logged probe waiting to start. */
  private nextPosition(): Nanos | undefined {
    const sim = this.sim!;
    const cmd = this.log.find((c) => !c.applied);
    if (cmd && cmd.executed === sim.engine.executed) return Math.max(cmd.clock, sim.engine.now) as Nanos;
    return sim.engine.nextTime();
  }

  /** Runs everything due up to `target` (starting logged probes where they were started); `one` stops after a single event. */
  private advanceTo(target: Nanos, one = false): void {
    const e = this.sim!.engine;
    for (;;) {
      const cmd = this.log.find((c) => !c.applied);
      if (cmd && cmd.executed === e.executed && cmd.clock <= target) {
        // No engine event lies between the command's position and its time: only move the clock.
        e.runWhile(() => e.now >= cmd.clock, cmd.clock as Nanos);
        this.apply(cmd);
        if (one) return;
        continue;
      }
      const next = e.nextTime();
      if (next === undefined || next > target) {
        e.runUntil(target);
        return;
      }
      e.step();
      if (one) return;
    }
  }

  private apply(cmd: LoggedCommand): void {
    cmd.applied = true;
    let chunk = 0;
    this.active++;
    startProbeCommand(this.sim!, cmd.ns, cmd.line, parseConsoleLine(cmd.line), (text, done, outcome) => {
      // The class looks at the result: stop when the last running command is done.
      if (done && --this.active === 0) this.running = false;
      if (chunk++ < cmd.sent) return;
      cmd.sent++;
      this.emit({ type: 'console', id: cmd.id, text, done, outcome });
    });
  }

  /** Sends the events recorded since the last batch, the status, and the tables when they may have changed. */
  private flush(forceTables: boolean): void {
    const sim = this.sim!;
    const events = sim.trace.events.slice(this.shown);
    if (events.length) this.emit({ type: 'events', from: this.shown, events });
    this.shown = sim.trace.length;
    this.emitStatus();
    if (events.some((e) => e.kind === 'neigh' || e.kind === 'fdb')) this.tablesDirty = true;
    this.ticksSinceTables++;
    if (forceTables || (this.tablesDirty && (this.ticksSinceTables >= TABLE_EVERY_TICKS || !this.running))) {
      this.emit({ type: 'tables', tables: snapshotTables(sim), links: linkStates(sim) });
      this.tablesDirty = false;
      this.ticksSinceTables = 0;
    }
  }

  private emitStatus(): void {
    const sim = this.sim;
    this.emit({ type: 'status', running: this.running, clock: sim?.engine.now ?? 0, speed: this.speed, shown: this.shown, pending: sim?.engine.nextTime() === undefined ? 0 : 1 });
  }
}
