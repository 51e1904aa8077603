/** Which design objects (hosts, namespaces, devices, LAN segments) are selected, by id. */
import type { StateCreator } from 'zustand';
import type { Id } from '../../core/model/types';
import type { AppState } from './store';

export interface SelectionSlice {
  selection: Id[];
  /** Replaces the selection. */
  select: (ids: Id[]) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selection: [],
  select: (ids) => {
    const cur = get().selection;
    if (cur.length === ids.length && cur.every((x, i) => x === ids[i])) return;
    set({ selection: ids });
  },
});
