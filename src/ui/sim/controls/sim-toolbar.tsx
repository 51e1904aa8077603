/** Toolbar controls of the simulation: run/pause, step back, step, speed, reset, clock, presentation. */
import { simControls } from '../controller';
import { useSimStore } from '../sim-store';
import { PauseIcon, PlayIcon, PresentIcon, ResetIcon, StepBackIcon, StepIcon } from './icons';
import { formatClock, SPEEDS } from './speeds';

export function SimToolbar() {
  const running = useSimStore((s) => s.running);
  const clock = useSimStore((s) => s.clock);
  const speed = useSimStore((s) => s.speed);
  const presentation = useSimStore((s) => s.presentation);
  return (
    <div className="sim-toolbar" role="group" aria-label="Simulation">
      {running
        ? <button data-testid="sim-pause" className="icon" onClick={simControls.pause} title="Pause" aria-label="Pause"><PauseIcon /></button>
        : <button data-testid="sim-run" className="icon" onClick={simControls.run} title="Run" aria-label="Run"><PlayIcon /></button>}
      <button data-testid="sim-step-back" className="icon" onClick={simControls.stepBack} title="Step back one event (re-simulates from the start)" aria-label="Step back"><StepBackIcon /></button>
      <button data-testid="sim-step" className="icon" onClick={simControls.step} title="Step one event" aria-label="Step"><StepIcon /></button>
      <select data-testid="sim-speed" aria-label="Speed" title="Speed" value={String(speed)} onChange={(e) => simControls.setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => <option key={s.label} value={String(s.value)}>{s.label}</option>)}
      </select>
      <button data-testid="sim-reset" className="icon" onClick={simControls.reset} title="Reset the simulation" aria-label="Reset"><ResetIcon /></button>
      <span className="sim-clock" data-testid="sim-clock" title="Virtual time since the design was set up">{formatClock(clock)}</span>
      <button data-testid="sim-present" className="icon" aria-pressed={presentation} aria-label="Presentation mode" onClick={() => useSimStore.setState({ presentation: !presentation })}
        title={presentation ? 'Leave presentation mode' : 'Presentation mode: large type, editing panels hidden'}><PresentIcon /></button>
    </div>
  );
}
