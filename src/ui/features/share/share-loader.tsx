/**
 * Opens a design carried in the page's link (`#d=…`), after the autosave restore. An opened
 * link replaces the restored design undoably, keeping it as the previous design
 * (`replaceDesign`); a refused link is reported in a banner and leaves the restored design as
 * it was. The hash is removed once read, so a reload keeps the (autosaved) work instead of
 * re-reading the link.
 */
import { useEffect, useState } from 'react';
import { decodeShare, payloadOfHash } from '../../../core/share/share-link';
import { restored } from '../persistence/autosave';
import { replaceDesign } from '../persistence/replace-design';

function readLink(report: (message: string) => void): void {
  const payload = payloadOfHash(window.location.hash);
  if (payload === undefined) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const r = decodeShare(payload);
  if (!r.ok) { report(r.error); return; }
  replaceDesign(r.design, 'Opened the design from the link');
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
