/**
 * The design document and the one way to change it: `applyCommand` runs a pure core command
 * and either stores the new design (one undo step) or reports the refusal.
 */
import type { StateCreator } from 'zustand';
import { emptyDesign, IdAllocator } from '../../core/model/design';
import type { EditResult } from '../../core/model/edit/result';
import type { Design } from '../../core/model/types';
import type { AppState } from './store';

/** A core editing command bound to its arguments; gets a fresh id allocator for the current design. */
export type Command = (design: Design, ids: IdAllocator) => EditResult;

export interface DocumentSlice {
  design: Design;
  /** Increments on every `loadDesign`, so views can react (the canvas fits the view). */
  loadSeq: number;
  /** Replaces the whole document (Open, Import, Examples, Share links). Selection is cleared. */
  loadDesign: (design: Design) => void;
  /** Runs a core command; a refusal is shown as a toast and returned, the design is untouched. */
  applyCommand: (command: Command) => EditResult;
}

export const createDocumentSlice: StateCreator<AppState, [], [], DocumentSlice> = (set, get) => ({
  design: emptyDesign(),
  loadSeq: 0,
  loadDesign: (design) => set({ design, selection: [], loadSeq: get().loadSeq + 1 }),
  applyCommand: (command) => {
    const before = get().design;
    const result = command(before, new IdAllocator(before));
    if (!result.ok) get().notify(result.reason, 'error');
    else if (result.design !== before) set({ design: result.design });
    return result;
  },
});
