/** Designer keyboard shortcuts (listed in the `?` panel). Ignored while typing in a field. */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { redo, undo, useAppStore } from '../store/store';
import { copySelection, deleteSelection, pasteClipboard } from './edit-actions';
import { fitOptions } from './fit';
import { designEdges, designNodes } from './flow-sync';

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'Redo' },
  { keys: 'Delete / Backspace', action: 'Delete the selection (with the kernel cascade)' },
  { keys: 'Ctrl+C / Ctrl+V', action: 'Copy / paste with fresh names' },
  { keys: 'Ctrl+A', action: 'Select everything' },
  { keys: 'Shift+click', action: 'Add to / remove from the selection' },
  { keys: 'Shift+drag', action: 'Box-select' },
  { keys: 'F', action: 'Fit the view' },
  { keys: 'Escape', action: 'Clear the selection / close this panel' },
  { keys: '?', action: 'Show this help' },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function inPanel(target: EventTarget | null): boolean {
  return !!(target as HTMLElement | null)?.closest?.('.app-tabs, .app-inspector, .modal');
}

export function useDesignerShortcuts(): void {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const st = useAppStore.getState();
      if (mod && key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); return; }
      if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) { e.preventDefault(); redo(); return; }
      // In the side panels (script text, inspector) the keys keep their usual meaning.
      if (inPanel(e.target)) return;
      if (mod && key === 'c') { if (!window.getSelection()?.toString()) copySelection(); }
      else if (mod && key === 'v') { e.preventDefault(); pasteClipboard(); }
      else if (mod && key === 'a') {
        e.preventDefault();
        const all = new Set<string>();
        st.select([...designNodes(st.design, all).map((n) => n.id), ...designEdges(st.design).map((x) => x.id)]);
      }
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) { e.preventDefault(); deleteSelection(); }
      else if (!mod && e.key === '?') { st.setShortcutsOpen(!st.shortcutsOpen); }
      else if (!mod && key === 'f' && !e.altKey) { void fitView(fitOptions(200)); }
      else if (e.key === 'Escape') { if (st.shortcutsOpen) st.setShortcutsOpen(false); else st.select([]); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
}
