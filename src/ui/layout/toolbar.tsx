/** The top toolbar: edit actions, then every extension's toolbar items. */
import { useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import { extensions } from '../slots/registry';
import { redo, undo, useAppStore } from '../store/store';
import { deleteSelection } from '../canvas/edit-actions';
import { fitOptions } from '../canvas/fit';

const items = extensions.filter((e) => e.Toolbar);

export function Toolbar() {
  const canUndo = useStore(useAppStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useAppStore.temporal, (s) => s.futureStates.length > 0);
  const hasSelection = useAppStore((s) => s.selection.length > 0);
  const setShortcuts = useAppStore((s) => s.setShortcutsOpen);
  const { fitView } = useReactFlow();
  return (
    <div className="toolbar">
      <span className="brand">vnetlab</span>
      <div className="toolbar-group">
        <button onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">Undo</button>
        <button onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">Redo</button>
        <button onClick={deleteSelection} disabled={!hasSelection} title="Delete (Del)">Delete</button>
        <button onClick={() => void fitView(fitOptions(200))} title="Fit view (F)">Fit</button>
      </div>
      <div className="toolbar-group toolbar-extensions">
        {items.map((e) => { const T = e.Toolbar!; return <T key={e.id} />; })}
      </div>
      <button className="toolbar-help" onClick={() => setShortcuts(true)} title="Keyboard shortcuts (?)">?</button>
    </div>
  );
}
