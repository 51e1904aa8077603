/**
 * A resize grip (bottom-right) on a selected container; the new size is committed as one undo
 * step. Only the far corner resizes, so the container's origin — and with it every child's
 * position — stays put.
 */
import { NodeResizeControl, type ResizeParams } from '@xyflow/react';
import { setSize } from '../../../core/model/edit/fields';
import type { Id } from '../../../core/model/types';
import { useAppStore } from '../../store/store';

function commit(id: Id, p: ResizeParams): void {
  useAppStore.getState().applyCommand((d) => setSize(d, id, { width: p.width, height: p.height }));
}

export function ContainerResizer({ id, selected, min }: { id: Id; selected: boolean; min: { width: number; height: number } }) {
  if (!selected) return null;
  return (
    <NodeResizeControl position="bottom-right" minWidth={min.width} minHeight={min.height} className="container-grip"
      onResizeEnd={(_, p) => commit(id, p)} />
  );
}
