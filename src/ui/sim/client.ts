/**
 * The UI's handle on the simulator: requests out, responses in. The real one wraps a Web
 * Worker built lazily on first use (jsdom has none); tests inject another with
 * `setSimClientFactory`, e.g. `createInlineClient`, which runs the same session in-thread.
 */
import type { SimRequest, SimResponse } from '../../worker/protocol';

export interface SimClient {
  send(req: SimRequest): void;
  /** Subscribes to responses; returns the unsubscribe function. */
  onMessage(listener: (r: SimResponse) => void): () => void;
  dispose(): void;
}

/** A small listener set shared by the clients. */
export function listeners() {
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

/** A client for environments without workers: it answers every request with an error. */
function unavailableClient(): SimClient {
  const ls = listeners();
  return {
    send: () => queueMicrotask(() => ls.emit({ type: 'error', message: 'This browser cannot run the simulator (no Web Worker support).' })),
    onMessage: ls.add,
    dispose: () => {},
  };
}

let factory: () => SimClient = () => (typeof Worker === 'undefined' ? unavailableClient() : createWorkerClient());
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
