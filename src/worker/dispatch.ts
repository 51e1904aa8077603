/** The message switch over a session: one request in, the session method it names. */
import type { SimRequest } from './protocol';
import type { SimSession } from './session';

export function dispatch(session: SimSession, req: SimRequest): void {
  switch (req.type) {
    case 'load': session.load(req.design, req.seed); break;
    case 'command': session.command(req.id, req.ns, req.line); break;
    case 'run': session.setRunning(true); break;
    case 'pause': session.setRunning(false); break;
    case 'step': session.step(); break;
    case 'step-back': session.stepBack(); break;
    case 'speed': session.setSpeed(req.speed); break;
    case 'reset': session.reset(); break;
    case 'run-tests': session.runTests(req.id, req.design, req.tests); break;
  }
}
