/**
 * Autosave: the design is written to IndexedDB shortly after every change (and when the page
 * is hidden), and restored when the app starts, so a reload or a crashed tab loses nothing.
 * A stored record that no longer reads is set aside and reported, never silently dropped.
 */
import { useEffect, useState } from 'react';
import type { Design } from '../../../core/model/types';
import { clearHistory, useAppStore } from '../../store/store';
import { downloadText } from './download';
import { checkPrevious } from './replace-design';
import { restoreCurrent, saveCurrent } from './saved-design';

const DELAY_MS = 400;

interface Corrupt { reason: string; key: string; raw: string }

let markRestored!: () => void;
/** Resolves once the autosaved design (if any) has been restored; a shared link waits for it. */
export const restored = new Promise<void>((resolve) => { markRestored = resolve; });
let started = false;

export function Autosave() {
  const [corrupt, setCorrupt] = useState<Corrupt | null>(null);

  useEffect(() => {
    if (started) return;
    started = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: Design | undefined;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const d = pending;
      pending = undefined;
      if (d) saveCurrent(d).catch((e: Error) => useAppStore.getState().notify(`Autosave failed: ${e.message}`, 'error'));
    };
    const onHide = () => { if (document.visibilityState === 'hidden') flush(); };
    void (async () => {
      // Always restored, even when the page opens a shared link: a link that is refused then
      // leaves the user's own design on screen, and one that opens replaces it undoably.
      try {
        const r = await restoreCurrent(new Date());
        if (r.kind === 'ok') { useAppStore.getState().loadDesign(r.design); clearHistory(); }
        if (r.kind === 'corrupt') setCorrupt({ reason: r.reason, key: r.key, raw: r.raw });
      } catch (e) {
        useAppStore.getState().notify(`The autosaved design could not be read: ${(e as Error).message}`, 'error');
      }
      // only changes made after the restore are saved, so the restore never overwrites itself;
      // subscribed before `restored` resolves, so a design opened from a link is saved too
      useAppStore.subscribe((s, prev) => {
        if (s.design === prev.design) return;
        pending = s.design;
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, DELAY_MS);
      });
      document.addEventListener('visibilitychange', onHide);
      window.addEventListener('pagehide', flush);
      markRestored();
      void checkPrevious();
    })();
  }, []);

  if (!corrupt) return null;
  return (
    <div className="corrupt-banner" role="alert" data-testid="corrupt-banner">
      <span>
        The autosaved design could not be read ({corrupt.reason}). It was kept aside and a new design was started.
      </span>
      <button onClick={() => downloadText('vnetlab-autosave-unreadable.json', corrupt.raw, 'application/json')}>Download the unreadable data</button>
      <button onClick={() => setCorrupt(null)} aria-label="Dismiss">×</button>
    </div>
  );
}
