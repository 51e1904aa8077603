/**
 * Opens a design carried in the page's link (`#d=…`), after the autosave restore so the link
 * wins. A refused link is reported in a banner; the design is never half-loaded. The hash is
 * removed once read, so a reload keeps the (autosaved) work instead of re-reading the link.
 */
import { useEffect, useState } from 'react';
import { decodeShare, payloadOfHash } from '../../../core/share/share-link';
import { clearHistory, useAppStore } from '../../store/store';
import { restored } from '../persistence/autosave';

function readLink(report: (message: string) => void): void {
  const payload = payloadOfHash(window.location.hash);
  if (payload === undefined) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const r = decodeShare(payload);
  if (!r.ok) { report(r.error); return; }
  useAppStore.getState().loadDesign(r.design);
  clearHistory();
  useAppStore.getState().notify('Opened the design from the link');
}

export function ShareLoader() {
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => { if (live) readLink(setRefused); };
    void restored.then(read);
    window.addEventListener('hashchange', read);
    return () => { live = false; window.removeEventListener('hashchange', read); };
  }, []);
  if (!refused) return null;
  return (
    <div className="share-banner" role="alert" data-testid="share-refused">
      {/* the reason may quote the link's content: it is rendered as text, never as markup */}
      <span>This link could not be opened: {refused}</span>
      <button onClick={() => setRefused(null)} aria-label="Dismiss">×</button>
    </div>
  );
}
