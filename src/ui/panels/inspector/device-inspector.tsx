/** Every setting of one device: identity, link flags, kind options, port flags, addresses, sysctls. */
import { addAddress, addressProblem, removeAddress, setDeviceFields, setDeviceSysctl } from '../../../core/model/edit/fields';
import { moveDevice } from '../../../core/model/edit/move-device';
import { rename, renameProblem } from '../../../core/model/edit/rename';
import { macProblem } from '../../../core/model/names';
import { INTERFACE_SYSCTL_KEYS, MACVLAN_MODES, type Device, type Design } from '../../../core/model/types';
import { deviceById, hostOfId } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { intOrUndefined, intProblem, Row, Section, Select, TextField, Toggle } from './fields';
import { edit } from './use-edit';
import { RelationFields } from './relation-fields';
import { VxlanSettings } from './vxlan-settings';
import { IpTunnelSettings } from './ip-tunnel-settings';

const set = (id: string, patch: Record<string, unknown>) => edit((d) => setDeviceFields(d, id, patch));

function KindSettings({ dev, design }: { dev: Device; design: Design }) {
  const byId = (id: string) => deviceById(design, id)?.name ?? '(not connected)';
  switch (dev.kind) {
    case 'macvlan': case 'macvtap':
      return (
        <Section title={`${dev.kind} settings`}>
          <p className="muted small">Lower device: <strong>{byId(dev.parent)}</strong></p>
          <Select label="Mode" value={dev.mode} options={MACVLAN_MODES} onChange={(v) => set(dev.id, { mode: v })} />
          <Toggle label="nopromisc (passthru)" checked={!!dev.nopromisc} onChange={(v) => set(dev.id, { nopromisc: v || undefined })} />
          {dev.mode === 'source' && <>
            <Toggle label="nodst" checked={!!dev.nodst} onChange={(v) => set(dev.id, { nodst: v || undefined })} />
            <ul className="rows">
              {(dev.sourceMacs ?? []).map((m, i) => (
                <Row key={m + i} removeLabel={`Remove source MAC ${m}`} onRemove={() => set(dev.id, { sourceMacs: dev.sourceMacs!.filter((_, j) => j !== i) })}>{m}</Row>
              ))}
            </ul>
            <TextField label="Add source MAC (macaddr add)" value="" placeholder="02:00:00:00:00:01" clearOnCommit validate={macProblem}
              onCommit={(v) => set(dev.id, { sourceMacs: [...(dev.sourceMacs ?? []), v.trim()] })} />
          </>}
        </Section>
      );
    case 'ipvlan':
      return (
        <Section title="ipvlan settings">
          <p className="muted small">Master: <strong>{byId(dev.parent)}</strong> (mode and flag are shared by all its children)</p>
          <Select label="Mode" value={dev.mode} options={['l2', 'l3', 'l3s'] as const} onChange={(v) => set(dev.id, { mode: v })} />
          <Select label="Flag" value={dev.flag} options={['bridge', 'private', 'vepa'] as const} onChange={(v) => set(dev.id, { flag: v })} />
        </Section>
      );
    case 'vlan':
      return (
        <Section title="VLAN settings">
          <p className="muted small">Lower device: <strong>{byId(dev.parent)}</strong></p>
          <TextField label="VLAN id" value={String(dev.vid)} validate={(v) => intProblem(v) ?? (Number(v) < 1 || Number(v) > 4094 ? 'a VLAN id is 1–4094' : undefined)}
            onCommit={(v) => set(dev.id, { vid: Number(v) })} />
          <Select label="Protocol" value={dev.protocol ?? '802.1Q'} options={['802.1Q', '802.1ad'] as const} onChange={(v) => set(dev.id, { protocol: v === '802.1Q' ? undefined : v })} />
        </Section>
      );
    case 'bridge':
      return (
        <Section title="Bridge settings">
          <Toggle label="STP" checked={!!dev.stp} onChange={(v) => set(dev.id, { stp: v || undefined })} />
          <TextField label="Ageing time (s, default 300)" value={dev.ageingTime === undefined ? '' : String(dev.ageingTime)} validate={intProblem}
            onCommit={(v) => set(dev.id, { ageingTime: intOrUndefined(v) })} />
          <TextField label="Forward delay (s, default 15)" value={dev.forwardDelay === undefined ? '' : String(dev.forwardDelay)} validate={intProblem}
            onCommit={(v) => set(dev.id, { forwardDelay: intOrUndefined(v) })} />
          <Toggle label="VLAN filtering" checked={!!dev.vlanFiltering} onChange={(v) => set(dev.id, { vlanFiltering: v || undefined })} />
          {dev.vlanFiltering && <TextField label="Default PVID (default 1)" value={dev.vlanDefaultPvid === undefined ? '' : String(dev.vlanDefaultPvid)} validate={intProblem}
            onCommit={(v) => set(dev.id, { vlanDefaultPvid: intOrUndefined(v) })} />}
        </Section>
      );
    case 'tap': case 'tun':
      return (
        <Section title={`${dev.kind} settings`}>
          <Toggle label="Attached (a process has it open: carrier on)" checked={!!dev.attached} onChange={(v) => set(dev.id, { attached: v || undefined })} />
        </Section>
      );
    case 'physical':
      return (
        <Section title="NIC settings">
          <p className="muted small">LAN segment: <strong>{dev.lan ? design.lans.find((l) => l.id === dev.lan)?.name : '(not plugged in)'}</strong></p>
          <Toggle label="Switch port hairpin (reflective relay)" checked={!!dev.lanHairpin} onChange={(v) => set(dev.id, { lanHairpin: v || undefined })} />
        </Section>
      );
    case 'vxlan':
      return <VxlanSettings dev={dev} design={design} />;
    case 'ipip': case 'gre': case 'gretap':
      return <IpTunnelSettings dev={dev} design={design} />;
    case 'veth':
      return <Section title="veth"><p className="muted small">Peer: <strong>{byId(dev.peer)}</strong></p></Section>;
    default:
      return null;
  }
}

function PortSettings({ dev, design }: { dev: Device; design: Design }) {
  if (!dev.master) return null;
  const bridge = deviceById(design, dev.master);
  const port = dev.port ?? {};
  const setPort = (patch: Record<string, unknown>) => {
    const next: Record<string, unknown> = { ...port, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    return set(dev.id, { port: next });
  };
  return (
    <Section title={`Bridge port of ${bridge?.name ?? '?'}`}>
      <Toggle label="hairpin" checked={!!port.hairpin} onChange={(v) => setPort({ hairpin: v || undefined })} />
      <Toggle label="learning" checked={port.learning ?? true} onChange={(v) => setPort({ learning: v ? undefined : false })} />
      <Toggle label="flood" checked={port.flood ?? true} onChange={(v) => setPort({ flood: v ? undefined : false })} />
      <Toggle label="isolated" checked={!!port.isolated} onChange={(v) => setPort({ isolated: v || undefined })} />
      {bridge?.kind === 'bridge' && bridge.vlanFiltering && <>
        <ul className="rows">
          {(port.vlans ?? []).map((v, i) => (
            <Row key={v.vid} removeLabel={`Remove VLAN ${v.vid}`} onRemove={() => setPort({ vlans: port.vlans!.filter((_, j) => j !== i) })}>
              vid {v.vid}{v.pvid ? ' pvid' : ''}{v.untagged ? ' untagged' : ''}
            </Row>
          ))}
        </ul>
        <TextField label="Add VLAN (vid [pvid] [untagged])" value="" clearOnCommit placeholder="10 pvid untagged"
          validate={(v) => (/^\d{1,4}( (pvid|untagged))*$/.test(v.trim()) ? undefined : 'e.g. "10" or "10 pvid untagged"')}
          onCommit={(v) => {
            const [vid, ...flags] = v.trim().split(/\s+/);
            return setPort({ vlans: [...(port.vlans ?? []), { vid: Number(vid), ...(flags.includes('pvid') ? { pvid: true } : {}), ...(flags.includes('untagged') ? { untagged: true } : {}) }] });
          }} />
      </>}
    </Section>
  );
}

export function DeviceInspector({ id }: { id: string }) {
  const design = useAppStore((s) => s.design);
  const dev = deviceById(design, id);
  const host = hostOfId(design, id);
  if (!dev || !host) return null;
  const namespaces = host.namespaces.map((n) => ({ value: n.id, label: n.root ? `${n.name} (root)` : n.name }));
  return (
    <div className="inspector-body" data-testid="device-inspector">
      <h2><span className="badge">{dev.kind}</span> {dev.name}</h2>
      <Section title="Link">
        <TextField label="Name" value={dev.name} validate={(v) => renameProblem(design, id, v)} onCommit={(v) => edit((d) => rename(d, id, v))} testId="field-name" />
        <Select label="Namespace" value={dev.ns} options={namespaces} onChange={(v) => edit((d) => moveDevice(d, id, v))} />
        <Toggle label="Up" checked={dev.up} onChange={(v) => set(id, { up: v })} />
        <TextField label="MAC address" value={dev.mac ?? ''} placeholder="derived" validate={macProblem} onCommit={(v) => set(id, { mac: v.trim() || undefined })} />
        <TextField label="MTU" value={dev.mtu === undefined ? '' : String(dev.mtu)} placeholder="1500" validate={intProblem} onCommit={(v) => set(id, { mtu: intOrUndefined(v) })} />
        <Toggle label="Promiscuous" checked={!!dev.promisc} onChange={(v) => set(id, { promisc: v || undefined })} />
        <TextField label="Alias" value={dev.alias ?? ''} onCommit={(v) => set(id, { alias: v || undefined })} />
      </Section>
      <RelationFields dev={dev} design={design} />
      <KindSettings dev={dev} design={design} />
      <PortSettings dev={dev} design={design} />
      <Section title="Addresses">
        <ul className="rows" data-testid="address-list">
          {dev.addresses.map((a, i) => (
            <Row key={a.cidr + i} removeLabel={`Remove ${a.cidr}`} onRemove={() => edit((d) => removeAddress(d, id, i))}>
              {a.cidr}{a.peer ? ` peer ${a.peer}` : ''}{a.noprefixroute ? ' noprefixroute' : ''}
            </Row>
          ))}
        </ul>
        <TextField label="Add address" value="" placeholder="192.168.0.10/24" clearOnCommit testId="add-address"
          validate={(v) => addressProblem(dev, v)} onCommit={(v) => edit((d) => addAddress(d, id, { cidr: v.trim() }))} />
      </Section>
      <Section title="Interface sysctls (net.ipv4.conf.<dev>.*)" open={false}>
        {INTERFACE_SYSCTL_KEYS.map((k) => (
          <TextField key={k} label={k} value={dev.sysctls?.[k] === undefined ? '' : String(dev.sysctls[k])} placeholder="default" validate={intProblem}
            onCommit={(v) => edit((d) => setDeviceSysctl(d, id, k, intOrUndefined(v)))} />
        ))}
      </Section>
    </div>
  );
}
