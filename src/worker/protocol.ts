/**
 * The messages between the UI and the simulator worker. Requests go UI → worker, responses
 * worker → UI; both are discriminated unions on `type`. Trace events travel in batches
 * (one message per pacing tick), never one message per event.
 */
import type { Design } from '../core/model/types';
import type { TraceEvent } from '../core/sim/engine/trace';
import type { SavedTest } from '../core/model/types';
import type { TestRun } from './saved-tests';
import type { ConsoleEdit } from './console/parse';

/** Virtual nanoseconds per wall-clock millisecond; `Infinity` runs as fast as possible. */
export type Speed = number;

export type SimRequest =
  | { type: 'load'; design: Design; seed: number }
  /** A console line typed in namespace `ns` (`ping`, `arping`, `ip …`, `bridge fdb show`, `sysctl`). */
  | { type: 'command'; id: number; ns: string; line: string }
  | { type: 'run' }
  | { type: 'pause' }
  /** Shows the next trace event (running the engine when none is waiting). */
  | { type: 'step' }
  /** Re-simulates from the start up to the event before the last one shown. */
  | { type: 'step-back' }
  | { type: 'speed'; speed: Speed }
  | { type: 'reset' }
  /** Runs saved tests, each on a fresh simulation of `design` (the console's session is untouched). */
  | { type: 'run-tests'; id: number; design: Design; tests: SavedTest[] };

/** Where a design device lives in the simulator's names, and its design id (the canvas node id). */
export interface DevRef {
  ns: string;
  dev: string;
  id: string;
  mac: string;
}

/** A device's link as `ip link` shows it: carrier and operstate. */
export interface LinkState { up: boolean; carrier: boolean; operstate: string }

export interface NeighRow { ip: string; dev: string; state: string; lladdr?: string }
export interface FdbRow { bridge: string; port: string; mac: string; local: boolean; vid: number; ageSec: number }

/** What `ip neigh`, `ip route` and `bridge fdb` would show in one namespace. */
export interface NsTables {
  neigh: NeighRow[];
  routes: string[];
  fdb: FdbRow[];
}

/** How a ping ended, in the four words a class predicts. */
export type PingOutcome = 'reply' | 'host-unreachable' | 'no-reply' | 'network-unreachable';

export type SimResponse =
  | { type: 'loaded'; devices: DevRef[]; namespaces: string[] }
  /** New events; `from` is the trace index of the first one. */
  | { type: 'events'; from: number; events: TraceEvent[] }
  /** The trace shown was cut back to `length` events (step back or reset). */
  | { type: 'rewind'; length: number }
  | { type: 'status'; running: boolean; clock: number; speed: Speed; shown: number; pending: number }
  /** `links`: every design device's carrier and operstate, by design id. */
  | { type: 'tables'; tables: Record<string, NsTables>; links?: Record<string, LinkState> }
  /** Console output for command `id`; `done` marks its last chunk. */
  | { type: 'console'; id: number; text: string; done: boolean; outcome?: PingOutcome }
  /** Console command `id` in `ns` changes the configuration: the UI applies `edit` to the design and ends the command. */
  | { type: 'edit'; id: number; ns: string; edit: ConsoleEdit }
  /** Results of `run-tests` request `id`, in the order asked. */
  | { type: 'test-results'; id: number; results: TestRun[] }
  | { type: 'error'; message: string };
