/**
 * The single application store, built from slices. Only the design document is in undo
 * history (zundo `partialize`), and only when it actually changes (identity equality), so
 * selection, theme and toasts never create undo steps.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { Design } from '../../core/model/types';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = DocumentSlice & SelectionSlice & UiSlice;

export const useAppStore = create<AppState>()(
  temporal(
    (...a) => ({
      ...createDocumentSlice(...a),
      ...createSelectionSlice(...a),
      ...createUiSlice(...a),
    }),
    {
      partialize: (s): { design: Design } => ({ design: s.design }),
      equality: (a, b) => a.design === b.design,
      limit: 200,
    },
  ),
);

/** Steps back one document edit. */
export function undo(): void {
  useAppStore.temporal.getState().undo();
}

/** Re-applies the last undone edit. */
export function redo(): void {
  useAppStore.temporal.getState().redo();
}

/** Forgets undo history (after Open/Import, when going back would be surprising). */
export function clearHistory(): void {
  useAppStore.temporal.getState().clear();
}
