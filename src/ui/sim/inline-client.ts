/** The simulator session on the calling thread, paced by timers: for tests (jsdom has no Worker). */
import { SimSession } from '../../worker/session';
import { listeners, type SimClient } from './client';

/** The same session as the worker's, on this thread. */
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

