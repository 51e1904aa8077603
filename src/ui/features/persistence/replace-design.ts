/**
 * Replacing the whole design (Open, Import, an example, a shared link) never destroys work:
 * the replacement is one undo step (Ctrl+Z brings the previous design back), the design it
 * replaced is also kept in IndexedDB as the "previous design" (so it survives a reload), and
 * a notice says so, with an Undo button.
 */
import { create } from 'zustand';
import type { Design } from '../../../core/model/types';
import { undo, useAppStore } from '../../store/store';
import { readPrevious, savePrevious } from './saved-design';

/** Whether a previous design is kept (drives the toolbar's recovery button). */
export const usePrevious = create<{ kept: boolean }>(() => ({ kept: false }));

/** True when `d` holds nothing a person made: no device but loopbacks, no namespace, no LAN. */
export function isBlank(d: Design): boolean {
  return d.lans.length === 0 && d.hosts.every((h) => h.namespaces.every((n) => n.root) && h.devices.every((x) => x.kind === 'loopback'));
}

/** The notice of a replacement: a newer one replaces it (its Undo would undo the newer one). */
const REPLACED = 'design-replaced';

/** Makes `next` the document, keeping the current one recoverable; `what` opens the notice. */
export function replaceDesign(next: Design, what: string): void {
  const st = useAppStore.getState();
  const before = st.design;
  st.loadDesign(next);
  if (isBlank(before)) { st.notify(what, 'info', undefined, REPLACED); return; }
  usePrevious.setState({ kept: true });
  savePrevious(before).catch((e: Error) => st.notify(`The previous design could not be kept: ${e.message}`, 'error'));
  st.notify(`${what}; the previous design is kept (Ctrl+Z, or Previous).`, 'info', { label: 'Undo', run: undo }, REPLACED);
}

/** Swaps the document with the kept previous design (itself kept in turn). */
export async function restorePrevious(): Promise<void> {
  const prev = await readPrevious();
  if (!prev) { useAppStore.getState().notify('No previous design is kept', 'error'); return; }
  replaceDesign(prev, 'Back to the previous design');
}

/** Looks once whether a previous design is kept from an earlier visit. */
export async function checkPrevious(): Promise<void> {
  try { if (await readPrevious()) usePrevious.setState({ kept: true }); } catch { /* nothing kept */ }
}
