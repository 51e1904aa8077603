/**
 * Connects the UI to the simulator client: sends the requests behind the controls and the
 * consoles, and folds responses into the sim store. The design is read from the app store
 * and never changed; an edit while a simulation is loaded reloads it with a notice.
 */
import type { Design } from '../../core/model/types';
import type { SimResponse, Speed } from '../../worker/protocol';
import { useAppStore } from '../store/store';
import { getSimClient } from './client';
import { simEvents, useSimStore, type ConsoleEntry } from './sim-store';
import { consoleEditCommand } from './console/console-edit';

const SEED = 1;
/** Set by Step / Step back until the worker answers: the event then shown becomes the selected one. */
let stepping = false;
let loadedDesign: Design | null = null;
let unsubscribe: (() => void) | null = null;
let commandSeq = 0;
const commandNs = new Map<number, string>();

function patchEntry(id: number, patch: (e: ConsoleEntry) => ConsoleEntry): void {
  const ns = commandNs.get(id);
  if (ns === undefined) return;
  const consoles = useSimStore.getState().consoles;
  const list = consoles[ns] ?? [];
  useSimStore.setState({ consoles: { ...consoles, [ns]: list.map((e) => (e.id === id ? patch(e) : e)) } });
}

/** Folds one simulator response into the store. */
export function handleResponse(r: SimResponse): void {
  const set = useSimStore.setState;
  switch (r.type) {
    case 'loaded': {
      const ns = useSimStore.getState().consoleNs;
      set({ loaded: true, devices: r.devices, namespaces: r.namespaces, consoleNs: ns && r.namespaces.includes(ns) ? ns : (r.namespaces.find((n) => n !== 'host') ?? r.namespaces[0] ?? null) });
      break;
    }
    case 'events': {
      const cut = r.from < simEvents.length;
      simEvents.length = r.from;
      for (const e of r.events) simEvents.push(e);
      set((s) => ({ eventsVersion: s.eventsVersion + 1, eventsEpoch: s.eventsEpoch + (cut ? 1 : 0) }));
      break;
    }
      break;
    case 'rewind':
      simEvents.length = Math.min(simEvents.length, r.length);
      set((s) => ({ eventsVersion: s.eventsVersion + 1, eventsEpoch: s.eventsEpoch + 1, selectedEvent: s.selectedEvent !== null && s.selectedEvent >= r.length ? null : s.selectedEvent }));
      break;
    case 'status':
      set({ running: r.running, clock: r.clock, speed: r.speed });
      // a step's answer ends with its status: mark the event now shown (list, canvas ring, frame)
      if (stepping) { stepping = false; set({ selectedEvent: simEvents.length ? simEvents.length - 1 : null }); }
      break;
    case 'tables':
      set(r.links ? { tables: r.tables, links: r.links } : { tables: r.tables });
      break;
    case 'console':
      patchEntry(r.id, (e) => ({ ...e, output: e.output ? `${e.output}\n${r.text}` : r.text, done: r.done, outcome: r.outcome ?? e.outcome }));
      break;
    case 'edit': {
      // The console changed the configuration: one edit of the design (undoable), after
      // which the simulation reloads from it. A refusal prints what ip prints.
      const app = useAppStore.getState();
      const command = consoleEditCommand(app.design, r.ns, r.edit);
      const result = typeof command === 'string' ? command : app.applyCommand(command);
      const text = typeof result === 'string' ? result : result.ok ? '' : `Error: ${result.reason}`;
      patchEntry(r.id, (e) => ({ ...e, output: text, done: true }));
      break;
    }
    case 'error':
      set({ error: r.message });
      break;
  }
}

function client() {
  const c = getSimClient();
  if (!unsubscribe) unsubscribe = c.onMessage(handleResponse);
  return c;
}

/**
 * Loads the current design into the simulator unless it is already loaded or loading: a
 * second load sent before the first answered would wipe a command typed in between.
 */
export function ensureLoaded(): void {
  const design = useAppStore.getState().design;
  if (loadedDesign === design) return;
  loadedDesign = design;
  client().send({ type: 'load', design, seed: SEED });
}

/** Called when the document changes: a loaded simulation starts over on the new design. */
export function designChanged(design: Design): void {
  if (!loadedDesign || loadedDesign === design) return;
  const hadActivity = simEvents.some((e) => e.kind === 'probe-end' || e.kind === 'route') || useSimStore.getState().running;
  loadedDesign = design;
  useSimStore.setState({ selectedEvent: null, pendingPrediction: null, notice: hadActivity ? 'The design changed, so the simulation started over from the new design.' : null });
  client().send({ type: 'load', design, seed: SEED });
}

/** Types a console line in namespace `ns`. */
export function runCommand(ns: string, line: string, predicted?: ConsoleEntry['predicted']): void {
  ensureLoaded();
  const id = ++commandSeq;
  commandNs.set(id, ns);
  const consoles = useSimStore.getState().consoles;
  useSimStore.setState({ consoles: { ...consoles, [ns]: [...(consoles[ns] ?? []), { id, line, output: '', done: false, predicted }] }, notice: null });
  client().send({ type: 'command', id, ns, line });
}

export const simControls = {
  run: () => { ensureLoaded(); client().send({ type: 'run' }); },
  pause: () => client().send({ type: 'pause' }),
  step: () => { ensureLoaded(); stepping = true; client().send({ type: 'step' }); },
  stepBack: () => { stepping = true; client().send({ type: 'step-back' }); },
  setSpeed: (speed: Speed) => { useSimStore.setState({ speed }); client().send({ type: 'speed', speed }); },
  reset: () => {
    useSimStore.setState({ consoles: {}, selectedEvent: null, notice: null, pendingPrediction: null });
    if (loadedDesign) client().send({ type: 'reset' });
    else ensureLoaded();
  },
};

/** Forgets the loaded design (tests). */
export function forgetLoaded(): void {
  loadedDesign = null;
  unsubscribe?.();
  unsubscribe = null;
}
