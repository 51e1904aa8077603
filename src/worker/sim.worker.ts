/**
 * The simulator's Web Worker: a thin message switch over `SimSession`, plus the pacing
 * loop that advances virtual time once per animation-frame-sized tick and sends one
 * batch of events per tick.
 */
/// <reference lib="webworker" />
import { dispatch } from './dispatch';
import type { SimRequest, SimResponse } from './protocol';
import { SimSession } from './session';

declare const self: DedicatedWorkerGlobalScope;

const TICK_MS = 16;
const post = (r: SimResponse) => self.postMessage(r);
const session = new SimSession(post, () => performance.now());
let timer: ReturnType<typeof setTimeout> | undefined;
let last = 0;

function loop(): void {
  timer = undefined;
  const now = performance.now();
  const wall = Math.min(now - last, 100);
  last = now;
  if (session.tick(wall)) timer = setTimeout(loop, TICK_MS);
}

function schedule(): void {
  if (timer !== undefined || !session.running) return;
  last = performance.now();
  timer = setTimeout(loop, TICK_MS);
}

self.onmessage = (ev: MessageEvent<SimRequest>) => {
  const req = ev.data;
  try {
    dispatch(session, req);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
  schedule();
};
