/**
 * Toolbar: Share puts the design into a link (`#d=…`) and copies it; the link is also shown to
 * copy by hand. The link encoder is loaded on first use (or when the page is idle).
 */
import { useState } from 'react';
import { loadWhenIdle } from '../../slots/lazy';
import { useAppStore } from '../../store/store';

const shareLink = () => import('../../../core/share/share-link');

/** The full link that opens `payload` under `key`. */
function linkFor(key: string, payload: string): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${key}=${payload}`;
}

// fetched when the page is idle, so the first Share copies at once
loadWhenIdle(shareLink);

export function ShareButton() {
  const [link, setLink] = useState<string | null>(null);
  const share = async () => {
    const { design, notify } = useAppStore.getState();
    let link: Awaited<ReturnType<typeof shareLink>>;
    try {
      link = await shareLink();
    } catch (e) {
      notify(`Share could not be loaded: ${(e as Error).message}`, 'error');
      return;
    }
    const { encodeShare, MAX_SHARE_PAYLOAD, SHARE_KEY } = link;
    const payload = encodeShare(design);
    if (payload.length > MAX_SHARE_PAYLOAD) {
      notify(`This design is too large for a link (${payload.length} characters); use Save instead`, 'error');
      return;
    }
    const url = linkFor(SHARE_KEY, payload);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      notify('Link copied to the clipboard');
    } catch {
      // clipboard permission refused: the dialog shows the link to copy by hand
    }
  };
  return (
    <>
      <button data-testid="share" onClick={() => void share()} title="Copy a link that holds this design">Share</button>
      {link && (
        <div className="modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) setLink(null); }}>
          <div className="modal" role="dialog" aria-label="Share link">
            <h2>Share link</h2>
            <p className="muted small">The whole design travels in the link ({link.length} characters); nothing is uploaded.</p>
            <input data-testid="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} autoFocus />
            <div className="modal-actions"><button onClick={() => setLink(null)}>Close</button></div>
          </div>
        </div>
      )}
    </>
  );
}
