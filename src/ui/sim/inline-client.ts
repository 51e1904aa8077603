/** The simulator session on the calling thread, paced by timers: for tests (jsdom has no Worker). */
import { dispatch } from '../../worker/dispatch';
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
      dispatch(session, req);
      schedule();
    },
    onMessage: ls.add,
    dispose: () => { if (timer !== undefined) clearTimeout(timer); },
  };
}

