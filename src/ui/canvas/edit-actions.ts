/**
 * Edit actions shared by the keyboard, the toolbar and context menus. Each is a thin call
 * into a core command through `applyCommand`.
 */
import { disconnect, type Relation } from '../../core/model/edit/connect';
import { deleteObjects } from '../../core/model/edit/delete';
import { duplicate } from '../../core/model/edit/duplicate';
import { sequence } from '../../core/model/edit/result';
import type { Id } from '../../core/model/types';
import { useAppStore } from '../store/store';

/** Edge ids are `relation:entityId`; everything else in the selection is a design object id. */
export function parseEdgeId(id: string): { relation: Relation; entityId: Id } | undefined {
  const m = /^(parent|master|lan|peer):(.+)$/.exec(id);
  return m ? { relation: m[1] as Relation, entityId: m[2] } : undefined;
}

/** Deletes the selected objects (with the kernel cascade) and undoes the selected relations. */
export function deleteSelection(): void {
  const { selection, applyCommand, select } = useAppStore.getState();
  if (selection.length === 0) return;
  const objects = selection.filter((id) => !parseEdgeId(id));
  const relations = selection.map(parseEdgeId).filter((x) => x !== undefined);
  const r = applyCommand((d) => sequence(d,
    ...relations.map((rel) => (x: typeof d) => disconnect(x, rel.entityId, rel.relation)),
    (x) => deleteObjects(x, objects)));
  if (r.ok) select([]);
}

let clipboard: Id[] = [];
let pasteCount = 0;

/** Remembers the selected objects for `pasteClipboard`. */
export function copySelection(): void {
  clipboard = useAppStore.getState().selection.filter((id) => !parseEdgeId(id));
  pasteCount = 0;
  if (clipboard.length) useAppStore.getState().notify(`Copied ${clipboard.length} object${clipboard.length > 1 ? 's' : ''}`);
}

/** Pastes copies with fresh, kernel-valid names, each paste a little further along. */
export function pasteClipboard(): void {
  if (clipboard.length === 0) return;
  pasteCount++;
  const offset = { x: 40 * pasteCount, y: 40 * pasteCount };
  const { applyCommand, select } = useAppStore.getState();
  const r = applyCommand((d, ids) => duplicate(d, clipboard.filter((id) => exists(d, id)), ids, offset));
  if (r.ok) {
    const placed = r.created.filter((id) => id in r.design.layout.positions);
    select(placed);
  }
}

function exists(d: ReturnType<typeof useAppStore.getState>['design'], id: Id): boolean {
  return d.lans.some((l) => l.id === id) || d.hosts.some((h) => h.id === id || h.namespaces.some((n) => n.id === id) || h.devices.some((x) => x.id === id));
}
