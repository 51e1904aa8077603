/**
 * A five-step tour: each step rings one region of the app and says what it is for in a
 * sentence. Next with Enter or →, back with ←, Esc ends it.
 */
import { useEffect, useLayoutEffect, useState } from 'react';

interface Step { target: string; title: string; text: string }

export const TOUR: Step[] = [
  { target: '.app-palette', title: 'Build', text: 'Drag devices, namespaces and LAN segments from the palette onto the canvas.' },
  { target: '.app-canvas', title: 'Wire', text: 'Drag from a handle to another to connect; right-click a device to ping, ARP or capture.' },
  { target: '.app-inspector', title: 'Configure', text: 'Select anything to edit its addresses, routes and settings. Every change is one undo step.' },
  { target: '[data-testid="ping-tool"]', title: 'Ping', text: 'Press Ping, click the sender, then the target: the frames travel the wires, and a drop says why.' },
  { target: '.tab-strip', title: 'Learn', text: 'Examples to start from, Tests and labs that check themselves, a Console per namespace, and the Script to take away.' },
];

export function Tour({ onClose }: { onClose: () => void }) {
  const [i, setI] = useState(0);
  const [rect, setRect] = useState<DOMRect | null>(null);
  const step = TOUR[i];
  useLayoutEffect(() => {
    const measure = () => setRect(document.querySelector(step.target)?.getBoundingClientRect() ?? null);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [step]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowRight') setI((n) => Math.min(TOUR.length - 1, n + 1));
      else if (e.key === 'ArrowLeft') setI((n) => Math.max(0, n - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => { document.querySelector<HTMLElement>('[data-testid="tour-next"]')?.focus(); }, [i]);
  const last = i === TOUR.length - 1;
  const W = 320;
  // The card sits beside the ringed region, inside the window.
  const left = rect ? Math.max(8, Math.min(window.innerWidth - W - 8, rect.right + 12 > window.innerWidth - W ? rect.left - W - 12 : rect.right + 12)) : 8;
  const top = rect ? Math.max(8, Math.min(window.innerHeight - 180, rect.top + 8)) : 8;
  return (
    <>
      {rect && <div className="tour-ring" style={{ left: rect.left - 4, top: rect.top - 4, width: rect.width + 8, height: rect.height + 8 }} />}
      <div className="tour-card" role="dialog" aria-modal="false" aria-labelledby="tour-title" data-testid="tour" style={{ left, top, width: W }}>
        <div className="tour-count">{i + 1} / {TOUR.length}</div>
        <h3 id="tour-title">{step.title}</h3>
        <p>{step.text}</p>
        <div className="tour-actions">
          <button onClick={() => setI(i - 1)} disabled={i === 0}>Back</button>
          <button data-testid="tour-next" className="primary" onClick={() => (last ? onClose() : setI(i + 1))}>{last ? 'Done' : 'Next'}</button>
          <button className="link" onClick={onClose}>End tour</button>
        </div>
      </div>
    </>
  );
}
