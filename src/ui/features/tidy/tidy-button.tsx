/**
 * Tidy: lays any design out afresh (the layout engine imports use), as one undo step, then
 * fits the view. The layout engine is loaded on first use, so it stays out of the first load.
 */
import { useReactFlow } from '@xyflow/react';
import { done } from '../../../core/model/edit/result';
import { CANVAS_METRICS } from '../persistence/load-script';
import { fitOptions } from '../../canvas/fit';
import { useAppStore } from '../../store/store';

export async function tidy(): Promise<void> {
  const { autoLayout } = await import('../../../core/layout/auto-layout');
  const store = useAppStore.getState();
  if (!store.design.hosts.length && !store.design.lans.length) return;
  store.applyCommand((d) => done(autoLayout(d, CANVAS_METRICS)));
}

export function TidyButton() {
  const { fitView } = useReactFlow();
  const empty = useAppStore((s) => !s.design.hosts.length && !s.design.lans.length);
  return (
    <button data-testid="tidy" disabled={empty} title="Tidy: lay the whole design out afresh (one undo step)"
      onClick={() => void tidy().then(() => requestAnimationFrame(() => void fitView(fitOptions(200))))}>
      Tidy
    </button>
  );
}
