/**
 * The first-open screen: on an empty canvas, the first time the app is opened, a card
 * pointing to the Examples, Import and a 30-second tour. Not modal: the palette and canvas
 * keep working behind it, and it goes away for good once closed or once the design has
 * something in it.
 */
import { useEffect, useState } from 'react';
import { Panel } from '@xyflow/react';
import { useAppStore } from '../../store/store';
import { lazyComponent } from '../../slots/lazy';

const Tour = lazyComponent(() => import('./tour').then((m) => m.Tour), 'the tour');

const KEY = 'vnetlab:welcomed';

function seen(): boolean {
  try { return localStorage.getItem(KEY) === '1'; } catch { return false; }
}
function remember(): void {
  try { localStorage.setItem(KEY, '1'); } catch { /* private mode: shown again next time */ }
}

export function Welcome() {
  const empty = useAppStore((s) => s.design.hosts.length === 0 && s.design.lans.length === 0);
  const [open, setOpen] = useState(() => !seen());
  const [touring, setTouring] = useState(false);
  // Once the design has something in it, the welcome has done its job for good.
  useEffect(() => { if (!empty) remember(); }, [empty]);
  const close = () => { setOpen(false); remember(); };
  if (touring) return <Tour onClose={() => setTouring(false)} />;
  if (!open || !empty) return null;
  return (
    <Panel position="top-center" className="welcome" data-testid="welcome">
      <section aria-labelledby="welcome-title">
        <h2 id="welcome-title">Design a Linux network, watch it work, take the script away</h2>
        <p>Start from a small network that works, bring your own <code>ip</code> script, or take a short tour.</p>
        <div className="welcome-actions">
          <button data-testid="welcome-examples" className="primary" onClick={() => { close(); useAppStore.getState().setActiveTab('examples'); }}>Browse examples</button>
          <button data-testid="welcome-import" onClick={() => { close(); document.querySelector<HTMLButtonElement>('[data-testid="import-script"]')?.click(); }}>Import a script</button>
          <button data-testid="welcome-tour" onClick={() => { close(); setTouring(true); }}>30-second tour</button>
          <button data-testid="welcome-close" className="link" onClick={close} aria-label="Close the welcome">Start empty</button>
        </div>
      </section>
    </Panel>
  );
}
