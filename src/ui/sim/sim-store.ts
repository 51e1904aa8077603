/**
 * The simulation's own small store (feature state, not part of the document or its
 * history): status, the event log, live tables, consoles, filters, classroom modes.
 * The event log is a plain array mutated in place with a version counter, so a batch of
 * thousands of events costs one store update, not one per event.
 */
import { create } from 'zustand';
import type { TraceEvent } from '../../core/sim/engine/trace';
import type { DevRef, LinkState, NsTables, PingOutcome, Speed } from '../../worker/protocol';

export interface ConsoleEntry {
  id: number;
  line: string;
  output: string;
  done: boolean;
  outcome?: PingOutcome;
  /** The class's guess, when the ping was predicted first. */
  predicted?: PingOutcome;
}

export interface EventFilter {
  arp: boolean;
  icmp: boolean;
  other: boolean;
  /** `ns` or `ns:dev`; empty for all. */
  where: string;
  dropsOnly: boolean;
}

export interface SimState {
  loaded: boolean;
  running: boolean;
  clock: number;
  speed: Speed;
  /** Bumped whenever `events` changes. */
  eventsVersion: number;
  /** Bumped whenever the log is cut back (rewind, reload): incremental readers start over. */
  eventsEpoch: number;
  devices: DevRef[];
  namespaces: string[];
  tables: Record<string, NsTables>;
  /** Carrier and operstate of every design device, by id, as the simulator's kernel sees them. */
  links: Record<string, LinkState>;
  selectedEvent: number | null;
  filter: EventFilter;
  consoles: Record<string, ConsoleEntry[]>;
  consoleNs: string | null;
  predictMode: boolean;
  /** A ping waiting for the class's prediction. */
  pendingPrediction: { ns: string; line: string } | null;
  presentation: boolean;
  captureIface: string | null;
  /** Leave IPv6 frames out of captures (the harness does). */
  captureNoIpv6: boolean;
  notice: string | null;
  error: string | null;
}

/** The event log (index = trace index); read it after subscribing to `eventsVersion`. */
export const simEvents: TraceEvent[] = [];

export const initialSimState: SimState = {
  loaded: false, running: false, clock: 0, speed: 1e6, eventsVersion: 0, eventsEpoch: 0, devices: [], namespaces: [], tables: {}, links: {},
  selectedEvent: null, filter: { arp: true, icmp: true, other: false, where: '', dropsOnly: false },
  consoles: {}, consoleNs: null, predictMode: false, pendingPrediction: null, presentation: false,
  captureIface: null, captureNoIpv6: true, notice: null, error: null,
};

export const useSimStore = create<SimState>(() => ({ ...initialSimState }));

/** Back to the initial state (tests). */
export function resetSimStore(): void {
  simEvents.length = 0;
  useSimStore.setState({ ...initialSimState, eventsVersion: useSimStore.getState().eventsVersion + 1, eventsEpoch: useSimStore.getState().eventsEpoch + 1 });
}
