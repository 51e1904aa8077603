/** The inspector: edits every setting of the selected object, or summarises a multi-selection. */
import { disconnect } from '../../../core/model/edit/connect';
import { deleteSelection, parseEdgeId } from '../../canvas/edit-actions';
import { indexOf } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { lazyComponent } from '../../slots/lazy';
import { edit } from './use-edit';
import { TextField } from './fields';
import { setDesignInfo } from '../../../core/model/edit/fields';

// Each kind's form loads when such an object is first selected (or when the page is idle).
const DeviceInspector = lazyComponent(() => import('./device-inspector').then((m) => m.DeviceInspector), 'the device settings');
const NamespaceInspector = lazyComponent(() => import('./namespace-inspector').then((m) => m.NamespaceInspector), 'the namespace settings');
const HostInspector = lazyComponent(() => import('./host-inspector').then((m) => m.HostInspector), 'the host settings');
const LanInspector = lazyComponent(() => import('./host-inspector').then((m) => m.LanInspector), 'the LAN settings');

const RELATION_TEXT = {
  parent: 'sits on its lower device (ip link add … link LOWER)',
  master: 'is a port of the bridge (ip link set … master BRIDGE)',
  lan: 'is plugged into the LAN segment',
  peer: 'is one end of a veth pair',
};

function RelationInspector({ id }: { id: string }) {
  const design = useAppStore((s) => s.design);
  const rel = parseEdgeId(id)!;
  const dev = indexOf(design).devices.get(rel.entityId);
  return (
    <div className="inspector-body">
      <h2><span className="badge">{rel.relation}</span> wire</h2>
      <p>{dev?.name ?? '?'} {RELATION_TEXT[rel.relation]}.</p>
      {rel.relation !== 'peer' && <button onClick={() => edit((d) => disconnect(d, rel.entityId, rel.relation))}>Disconnect</button>}
    </div>
  );
}

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const design = useAppStore((s) => s.design);
  if (selection.length === 0) {
    return (
      <div className="inspector-body inspector-empty">
        <h2>Design</h2>
        <TextField label="Title" value={design.title ?? ''} placeholder="untitled" onCommit={(v) => edit((d) => setDesignInfo(d, { title: v }))} />
        <div className="field">
          <label htmlFor="design-notes">Notes</label>
          <textarea id="design-notes" key={design.notes ?? ''} defaultValue={design.notes ?? ''} rows={4}
            onBlur={(e) => { if (e.target.value !== (design.notes ?? '')) edit((d) => setDesignInfo(d, { notes: e.target.value })); }} />
        </div>
        <p className="muted">Select a device, namespace, host, LAN segment or wire to edit its settings.</p>
      </div>
    );
  }
  if (selection.length > 1) {
    return (
      <div className="inspector-body">
        <h2>{selection.length} selected</h2>
        <button onClick={deleteSelection}>Delete selection</button>
      </div>
    );
  }
  const id = selection[0];
  if (parseEdgeId(id)) return <RelationInspector id={id} />;
  const idx = indexOf(design);
  if (idx.devices.has(id)) return <DeviceInspector key={id} id={id} />;
  if (idx.namespaces.has(id)) return <NamespaceInspector key={id} id={id} />;
  if (idx.hosts.has(id)) return <HostInspector key={id} id={id} />;
  if (idx.lans.has(id)) return <LanInspector key={id} id={id} />;
  return null;
}
