/** A machine: a designed host (its root namespace's settings) or an external host (NIC, LAN, gateway). */
import { addAddress, addressProblem, addRoute, removeAddress, removeRoute, setDeviceFields } from '../../../core/model/edit/fields';
import { connect, disconnect } from '../../../core/model/edit/connect';
import { sequence } from '../../../core/model/edit/result';
import { rename, renameProblem } from '../../../core/model/edit/rename';
import { parseIp } from '../../../core/net/ipv4';
import { macProblem } from '../../../core/model/names';
import type { Host } from '../../../core/model/types';
import { hostById, lanById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { Row, Section, Select, TextField, Toggle } from './fields';
import { NamespaceSettings } from './namespace-inspector';
import { edit } from './use-edit';

function ExternalSettings({ host }: { host: Host }) {
  const design = useAppStore((s) => s.design);
  const root = host.namespaces.find((n) => n.root)!;
  const nic = host.devices.find((d) => d.kind === 'physical');
  if (!nic || nic.kind !== 'physical') return <p className="muted">This external host has no NIC.</p>;
  const gwIndex = root.routes.findIndex((r) => r.dst === 'default');
  const gw = gwIndex >= 0 ? root.routes[gwIndex].via ?? '' : '';
  const lanOptions = [{ value: '', label: '(not plugged in)' }, ...design.lans.map((l) => ({ value: l.id, label: l.name }))];
  return (
    <>
      <Select label="LAN segment" value={nic.lan ?? ''} options={lanOptions}
        onChange={(v) => edit((d) => (v ? connect(d, nic.id, v, 'lan') : disconnect(d, nic.id, 'lan')))} />
      <Section title={`NIC ${nic.name}`}>
        <ul className="rows">
          {nic.addresses.map((a, i) => <Row key={a.cidr} removeLabel={`Remove ${a.cidr}`} onRemove={() => edit((d) => removeAddress(d, nic.id, i))}>{a.cidr}</Row>)}
        </ul>
        <TextField label="Add address" value="" clearOnCommit placeholder="192.168.0.1/24" validate={(v) => addressProblem(nic, v)}
          onCommit={(v) => edit((d) => addAddress(d, nic.id, { cidr: v.trim() }))} />
        <TextField label="MAC address" value={nic.mac ?? ''} placeholder="derived" validate={macProblem}
          onCommit={(v) => edit((d) => setDeviceFields(d, nic.id, { mac: v.trim() || undefined }))} />
      </Section>
      <TextField label="Gateway (default route via)" value={gw} placeholder="none"
        validate={(v) => (parseIp(v.trim()) === undefined ? `"${v}" is not an IPv4 address` : undefined)}
        onCommit={(v) => edit((d) => sequence(d,
          (x) => (gwIndex >= 0 ? removeRoute(x, root.id, gwIndex) : { ok: true, design: x, created: [] }),
          (x) => (v.trim() ? addRoute(x, root.id, { dst: 'default', via: v.trim() }) : { ok: true, design: x, created: [] })))} />
    </>
  );
}

export function HostInspector({ id }: { id: string }) {
  const design = useAppStore((s) => s.design);
  const host = hostById(design, id);
  if (!host) return null;
  const root = host.namespaces.find((n) => n.root);
  const external = host.role === 'external';
  return (
    <div className="inspector-body" data-testid="host-inspector">
      <h2><span className="badge">{external ? 'external host' : 'host'}</span> {host.name}</h2>
      <TextField label="Name" value={host.name} validate={(v) => renameProblem(design, id, v)} onCommit={(v) => edit((d) => rename(d, id, v))} testId="field-name" />
      {external ? <ExternalSettings host={host} /> : root && (
        <>
          <p className="muted small">Root namespace settings</p>
          <NamespaceSettings ns={root} design={design} />
        </>
      )}
    </div>
  );
}

export function LanInspector({ id }: { id: string }) {
  const design = useAppStore((s) => s.design);
  const lan = lanById(design, id);
  if (!lan) return null;
  const nics = design.hosts.flatMap((h) => h.devices.filter((d) => d.kind === 'physical' && d.lan === id).map((d) => ({ host: h, nic: d })));
  return (
    <div className="inspector-body" data-testid="lan-inspector">
      <h2><span className="badge">LAN segment</span> {lan.name}</h2>
      <TextField label="Name" value={lan.name} validate={(v) => renameProblem(design, id, v)} onCommit={(v) => edit((d) => rename(d, id, v))} testId="field-name" />
      <Section title="Plugged-in NICs">
        {nics.length === 0 && <p className="muted small">Drag a NIC's LAN plug (bottom right) onto this segment.</p>}
        {nics.map(({ host, nic }) => (
          <Toggle key={nic.id} label={`${host.name}/${nic.name}: switch port hairpin`} checked={nic.kind === 'physical' && !!nic.lanHairpin}
            onChange={(v) => edit((d) => setDeviceFields(d, nic.id, { lanHairpin: v || undefined }))} />
        ))}
      </Section>
    </div>
  );
}
