/** The Simulation tab: the event list beside the inspector of the selected event. */
import { useEffect } from 'react';
import { ensureLoaded } from './controller';
import { EventList } from './events/event-list';
import { FrameInspector } from './inspect/frame-inspector';
import { useSimStore } from './sim-store';
import './sim.css';

export function SimulationPanel() {
  const notice = useSimStore((s) => s.notice);
  const error = useSimStore((s) => s.error);
  useEffect(() => { ensureLoaded(); }, []);
  return (
    <div className="sim-panel">
      {notice && <div className="sim-notice" role="status" data-testid="sim-notice">{notice}</div>}
      {error && <div className="sim-notice error" role="alert">{error}</div>}
      <div className="sim-split">
        <EventList />
        <FrameInspector />
      </div>
    </div>
  );
}
