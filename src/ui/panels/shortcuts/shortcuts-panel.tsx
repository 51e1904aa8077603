/** The keyboard-shortcuts help (`?`). */
import { SHORTCUTS } from '../../canvas/keyboard';
import { useAppStore } from '../../store/store';

export function ShortcutsPanel() {
  const open = useAppStore((s) => s.shortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={() => setOpen(false)}>
      <div className="modal" role="dialog" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.action}</td></tr>)}
          </tbody>
        </table>
        <button onClick={() => setOpen(false)}>Close</button>
      </div>
    </div>
  );
}
