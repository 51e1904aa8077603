/**
 * Opens a design carried in the page's link (`#d=…`), after the autosave restore. An opened
 * link replaces the restored design undoably, keeping it as the previous design
 * (`replaceDesign`); a refused link is reported in a banner and leaves the restored design as
 * it was. The hash is removed once read, so a reload keeps the (autosaved) work instead of
 * re-reading the link. The link's decoder (and the document schema) is loaded only when the
 * page has a hash to read.
 */
import { useEffect, useState } from 'react';
import { restored } from '../persistence/autosave';
import { replaceDesign } from '../persistence/replace-design';

async function readLink(report: (message: string) => void): Promise<void> {
  if (!window.location.hash) return;
  let link: typeof import('../../../core/share/share-link');
  try {
    link = await import('../../../core/share/share-link');
  } catch (e) {
    // the hash stays, so a reload tries the link again
    report(`the link reader could not be loaded (${(e as Error).message})`);
    return;
  }
  const payload = link.payloadOfHash(window.location.hash);
  if (payload === undefined) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const r = link.decodeShare(payload);
  if (!r.ok) { report(r.error); return; }
  replaceDesign(r.design, 'Opened the design from the link');
}

export function ShareLoader() {
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => { if (live) void readLink((m) => { if (live) setRefused(m); }); };
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
