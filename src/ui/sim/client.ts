/**
 * The UI's handle on the simulator: requests out, responses in. The real one wraps a Web
 * Worker built lazily on first use (jsdom has none); tests inject another with
 * `setSimClientFactory`, e.g. `createInlineClient`, which runs the same session in-thread.
 */
import type { SimRequest, SimResponse } from '../../worker/protocol';
import { SimSession } from '../../worker/session';

export interface SimClient {
  send(req: SimRequest): void;
  /** Subscribes to responses; returns the unsubscribe function. */
  onMessage(listener: (r: SimResponse) => void): () => void;
  dispose(): void;
}

function listeners() {
  const set = new Set<(r: SimResponse) => void>();
  return {
    add: (l: (r: SimResponse) => void) => { set.add(l); return () => { set.delete(l); }; },
    emit: (r: SimResponse) => { for (const l of set) l(r); },
  };
}

/** The simulator in its Web Worker. */
export function createWorkerClient(): SimClient {
  const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  const ls = listeners();
  worker.onmessage = (ev: MessageEvent<SimResponse>) => ls.emit(ev.data);
  worker.onerror = (ev) => ls.emit({ type: 'error', message: ev.message || 'the simulator stopped' });
  return { send: (req) => worker.postMessage(req), onMessage: ls.add, dispose: () => worker.terminate() };
}

/** The same session on the calling thread, paced by timers (tests, environments without workers). */
export function createInlineClient(tickMs = 16): SimClient {
  const ls = listeners();
  const session = new SimSession((r) => queueMicrotask(() => ls.emit(r)), () => performance.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer !== undefined || !session.running) return;
    timer = setTimeout(() => { timer = undefined; if (session.tick(tickMs)) schedule(); }, tickMs);
  };
  return {
    send: (req) => {
      switch (req.type) {
        case 'load': session.load(req.design, req.seed); break;
        case 'command': session.command(req.id, req.ns, req.line); break;
        case 'run': session.setRunning(true); break;
        case 'pause': session.setRunning(false); break;
        case 'step': session.step(); break;
        case 'step-back': session.stepBack(); break;
        case 'speed': session.setSpeed(req.speed); break;
        case 'reset': session.reset(); break;
      }
      schedule();
    },
    onMessage: ls.add,
    dispose: () => { if (timer !== undefined) clearTimeout(timer); },
  };
}

let factory: () => SimClient = () => (typeof Worker === 'undefined' ? createInlineClient() : createWorkerClient());
let client: SimClient | undefined;

/** Replaces how the client is made (tests); drops the current one. */
export function setSimClientFactory(make: () => SimClient): void {
  client?.dispose();
  client = undefined;
  factory = make;
}

/** The shared client, created on first use. */
export function getSimClient(): SimClient {
  client ??= factory();
  return client;
}
