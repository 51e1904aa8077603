/** Inspector helper: run a core command through the store. */
import type { IdAllocator } from '../../../core/model/design';
import type { EditResult } from '../../../core/model/edit/result';
import type { Design } from '../../../core/model/types';
import { useAppStore } from '../../store/store';

/** Applies `fn` to the current design; returns the result so fields can show refusals inline. */
export function edit(fn: (d: Design, ids: IdAllocator) => EditResult): EditResult {
  return useAppStore.getState().applyCommand(fn);
}
