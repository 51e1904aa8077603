/** The inspector section of a VXLAN device: `ip link add … type vxlan` options and its own FDB. */
import { setDeviceFields } from '../../../core/model/edit/fields';
import { vxlanFieldProblem } from '../../../core/model/edit/vxlan-fields';
import type { Design, VxlanDevice } from '../../../core/model/types';
import { hostOfId } from '../../store/selectors';
import { intOrUndefined, Row, Section, Select, TextField, Toggle } from './fields';
import { edit } from './use-edit';

const set = (id: string, patch: Record<string, unknown>) => edit((d) => setDeviceFields(d, id, patch));
const check = (key: string) => (v: string) => vxlanFieldProblem(key, ['vni', 'dstport', 'ttl'].includes(key) ? Number(v) : v.trim());

export function VxlanSettings({ dev, design }: { dev: VxlanDevice; design: Design }) {
  const host = hostOfId(design, dev.id);
  // `dev` is looked up where the VXLAN is created: a device of its own namespace
  const candidates = (host?.devices ?? []).filter((d) => d.ns === dev.ns && d.id !== dev.id && d.kind !== 'loopback');
  const underlays = [{ value: '', label: '(none)' }, ...candidates.map((d) => ({ value: d.id, label: d.name }))];
  const text = (key: 'local' | 'remote' | 'group', label: string, placeholder: string) => (
    <TextField label={label} value={dev[key] ?? ''} placeholder={placeholder} validate={check(key)} testId={`vxlan-${key}`}
      onCommit={(v) => set(dev.id, { [key]: v.trim() || undefined })} />
  );
  return (
    <Section title="VXLAN settings">
      <TextField label="VNI (id)" value={String(dev.vni)} validate={check('vni')} testId="vxlan-vni" onCommit={(v) => set(dev.id, { vni: Number(v) })} />
      <TextField label="UDP port (dstport; Linux default 8472)" value={dev.dstport === undefined ? '' : String(dev.dstport)} placeholder="8472" validate={check('dstport')}
        testId="vxlan-dstport" onCommit={(v) => set(dev.id, { dstport: intOrUndefined(v) })} />
      {text('local', 'Local address (local)', 'outer source, e.g. 192.168.1.1')}
      {text('remote', 'Remote endpoint (remote)', 'e.g. 192.168.1.2')}
      {text('group', 'Multicast group (group)', 'e.g. 239.1.1.1')}
      <Select label="Underlay device (dev)" value={dev.underlay ?? ''} options={underlays} onChange={(v) => set(dev.id, { underlay: v || undefined })} />
      <TextField label="Outer TTL (ttl; default auto = 64)" value={dev.ttl === undefined ? '' : String(dev.ttl)} placeholder="auto" validate={check('ttl')}
        onCommit={(v) => set(dev.id, { ttl: intOrUndefined(v) || undefined })} />
      <Toggle label="learning (learn remote endpoints from received frames)" checked={dev.learning !== false} onChange={(v) => set(dev.id, { learning: v ? undefined : false })} />
      <Toggle label="proxy (answer ARP from the neighbour table)" checked={!!dev.proxy} onChange={(v) => set(dev.id, { proxy: v || undefined })} />
      <p className="muted small">FDB entries (bridge fdb append MAC dev {dev.name} dst ADDR); 00:00:00:00:00:00 is where unknown MACs and broadcasts go</p>
      <ul className="rows" data-testid="vxlan-fdb">
        {(dev.fdb ?? []).map((e, i) => (
          <Row key={`${e.mac}-${e.dst}-${i}`} removeLabel={`Remove FDB entry ${e.mac} dst ${e.dst}`}
            onRemove={() => set(dev.id, { fdb: dev.fdb!.filter((_, j) => j !== i).length ? dev.fdb!.filter((_, j) => j !== i) : undefined })}>
            {e.mac} dst {e.dst}
          </Row>
        ))}
      </ul>
      <TextField label="Add FDB entry (MAC dst ADDR)" value="" clearOnCommit placeholder="00:00:00:00:00:00 dst 192.168.1.3" testId="vxlan-add-fdb"
        validate={(v) => {
          const m = /^(\S+)\s+(?:dst\s+)?(\S+)$/.exec(v.trim());
          return m ? vxlanFieldProblem('fdb', [{ mac: m[1], dst: m[2] }]) : 'e.g. "00:00:00:00:00:00 dst 192.168.1.3"';
        }}
        onCommit={(v) => {
          const m = /^(\S+)\s+(?:dst\s+)?(\S+)$/.exec(v.trim())!;
          return set(dev.id, { fdb: [...(dev.fdb ?? []), { mac: m[1].toLowerCase(), dst: m[2] }] });
        }} />
    </Section>
  );
}
