/** The inspector section of an ipip/GRE/gretap device: `ip link add … type ipip|gre|gretap` options. */
import { setDeviceFields } from '../../../core/model/edit/fields';
import { ipTunnelFieldProblem } from '../../../core/model/edit/ip-tunnel-fields';
import type { IpTunnelDevice } from '../../../core/model/tunnel-types';
import type { Design } from '../../../core/model/types';
import { hostOfId } from '../../store/selectors';
import { intOrUndefined, Section, Select, TextField, Toggle } from './fields';
import { edit } from './use-edit';

const set = (id: string, patch: Record<string, unknown>) => edit((d) => setDeviceFields(d, id, patch));

export function IpTunnelSettings({ dev, design }: { dev: IpTunnelDevice; design: Design }) {
  const check = (key: string) => (v: string) => (v.trim() === '' ? undefined : ipTunnelFieldProblem(dev.kind, key, ['ttl', 'ikey', 'okey'].includes(key) ? Number(v) : v.trim()));
  const host = hostOfId(design, dev.id);
  // `dev` is looked up where the tunnel is created: a device of its own namespace
  const candidates = (host?.devices ?? []).filter((d) => d.ns === dev.ns && d.id !== dev.id && d.kind !== 'loopback');
  const underlays = [{ value: '', label: '(none)' }, ...candidates.map((d) => ({ value: d.id, label: d.name }))];
  const text = (key: 'local' | 'remote', label: string, placeholder: string) => (
    <TextField label={label} value={dev[key] ?? ''} placeholder={placeholder} validate={check(key)} testId={`tunnel-${key}`}
      onCommit={(v) => set(dev.id, { [key]: v.trim() || undefined })} />
  );
  return (
    <Section title={`${dev.kind === 'ipip' ? 'ipip' : dev.kind === 'gre' ? 'GRE' : 'gretap'} settings`}>
      {text('local', 'Local address (local)', 'outer source, e.g. 192.168.1.1')}
      {text('remote', 'Remote endpoint (remote)', 'e.g. 192.168.1.2')}
      <TextField label="Outer TTL (ttl; default inherit)" value={dev.ttl === undefined ? '' : String(dev.ttl)} placeholder="inherit" validate={check('ttl')}
        testId="tunnel-ttl" onCommit={(v) => set(dev.id, { ttl: intOrUndefined(v) || undefined })} />
      {dev.kind !== 'ipip' && (
        <TextField label="Key (key: both directions)" value={dev.ikey === undefined ? '' : String(dev.ikey)} placeholder="none" validate={check('ikey')}
          testId="tunnel-key" onCommit={(v) => { const k = intOrUndefined(v); return set(dev.id, { ikey: k, okey: k }); }} />
      )}
      <Select label="Underlay device (dev)" value={dev.underlay ?? ''} options={underlays} onChange={(v) => set(dev.id, { underlay: v || undefined })} />
      <Toggle label="pmtudisc (outer packets with DF)" checked={dev.pmtudisc !== false} onChange={(v) => set(dev.id, { pmtudisc: v ? undefined : false })} />
    </Section>
  );
}
