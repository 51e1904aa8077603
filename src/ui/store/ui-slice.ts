/** View state that is never part of the document: theme, open panels, the active tab, toasts. */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export type Theme = 'light' | 'dark';
export type ToastLevel = 'info' | 'error';

/** A button on a toast (e.g. Undo after a replaced design). */
export interface ToastAction { label: string; run: () => void }
export interface Toast { id: number; message: string; level: ToastLevel; action?: ToastAction; key: string }

/** At most this many notices show at once (the newest): more would cover the canvas. */
export const MAX_TOASTS = 2;

export interface UiSlice {
  theme: Theme;
  setTheme: (theme: Theme) => void;
  /** Id of the tab shown in the bottom tab area (see `slots/extension.ts`), or null when none. */
  activeTab: string | null;
  setActiveTab: (id: string | null) => void;
  /**
   * The canvas draws the compact view of the layout (`canvas/compact-layout.ts`, for
   * presentation): nodes cannot be dragged then, so the design's own positions stay as they are.
   */
  compactView: boolean;
  setCompactView: (on: boolean) => void;
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  toasts: Toast[];
  /**
   * Shows a short message; refusals use level `error`. A newer notice replaces an older one of
   * the same `key` (default: the same text), so a stale Undo never undoes a later replacement.
   */
  notify: (message: string, level?: ToastLevel, action?: ToastAction, key?: string) => void;
  dismissToast: (id: number) => void;
}

let toastSeq = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  theme: 'light',
  setTheme: (theme) => set({ theme }),
  activeTab: null,
  setActiveTab: (activeTab) => set({ activeTab }),
  compactView: false,
  setCompactView: (compactView) => set({ compactView }),
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  toasts: [],
  notify: (message, level = 'info', action, key = message) => {
    const id = ++toastSeq;
    const others = get().toasts.filter((t) => t.key !== key);
    set({ toasts: [...others.slice(-(MAX_TOASTS - 1)), { id, message, level, action, key }] });
    // a toast with a button stays long enough to be used
    setTimeout(() => get().dismissToast(id), action ? 12000 : level === 'error' ? 7000 : 3500);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
});
