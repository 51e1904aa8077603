/** Small "add" forms for routes, static neighbours and firewall rules of a namespace. */
import { useState } from 'react';
import { addFirewallRule, addNeighbour, addRoute, routeProblem } from '../../../core/model/edit/fields';
import type { CtState, Design, Device, FirewallRule, Id, NeighbourState, Route, RouteType } from '../../../core/model/types';
import { edit } from './use-edit';

function Input({ label, value, onChange, placeholder, testId }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; testId?: string }) {
  return <label className="mini">{label}<input aria-label={label} value={value} placeholder={placeholder} data-testid={testId} onChange={(e) => onChange(e.target.value)} /></label>;
}

function Choice({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  return (
    <label className="mini">{label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

const devOptions = (devices: Device[], none = true) => [...(none ? [{ value: '', label: '—' }] : []), ...devices.map((d) => ({ value: d.id, label: d.name }))];

export function RouteForm({ design, nsId, devices }: { design: Design; nsId: Id; devices: Device[] }) {
  const [dst, setDst] = useState('');
  const [via, setVia] = useState('');
  const [dev, setDev] = useState('');
  const [src, setSrc] = useState('');
  const [metric, setMetric] = useState('');
  const [type, setType] = useState<RouteType>('unicast');
  const [scope, setScope] = useState('');
  const [error, setError] = useState<string>();
  const route: Route = {
    dst: dst.trim(), via: via.trim() || undefined, dev: dev || undefined, src: src.trim() || undefined,
    metric: metric.trim() ? Number(metric) : undefined, type: type === 'unicast' ? undefined : type,
    scope: (scope || undefined) as Route['scope'],
  };
  const problem = dst ? routeProblem(design, nsId, route) : undefined;
  const submit = () => {
    if (!dst || problem) return;
    const r = edit((d) => addRoute(d, nsId, route));
    if (!r.ok) { setError(r.reason); return; }
    setDst(''); setVia(''); setSrc(''); setMetric(''); setError(undefined);
  };
  return (
    <div className="mini-form" data-testid="route-form">
      <Input label="Destination" value={dst} onChange={setDst} placeholder="default or 10.0.0.0/24" testId="route-dst" />
      <Input label="Via" value={via} onChange={setVia} placeholder="gateway" testId="route-via" />
      <Choice label="Dev" value={dev} options={devOptions(devices)} onChange={setDev} />
      <Input label="Src" value={src} onChange={setSrc} />
      <Input label="Metric" value={metric} onChange={setMetric} />
      <Choice label="Type" value={type} options={['unicast', 'blackhole', 'unreachable', 'prohibit'].map((v) => ({ value: v, label: v }))} onChange={(v) => setType(v as RouteType)} />
      <Choice label="Scope" value={scope} options={[{ value: '', label: 'auto' }, ...['global', 'link', 'host'].map((v) => ({ value: v, label: v }))]} onChange={setScope} />
      <button onClick={submit} disabled={!dst || !!problem} data-testid="route-add">Add route</button>
      {(problem ?? error) && <div className="field-error" role="alert">{problem ?? error}</div>}
    </div>
  );
}

export function NeighbourForm({ nsId, devices }: { nsId: Id; devices: Device[] }) {
  const [ip, setIp] = useState('');
  const [mac, setMac] = useState('');
  const [dev, setDev] = useState(devices[0]?.id ?? '');
  const [state, setState] = useState<NeighbourState>('permanent');
  const [error, setError] = useState<string>();
  const submit = () => {
    const r = edit((d) => addNeighbour(d, nsId, { ip: ip.trim(), lladdr: mac.trim(), dev: dev || devices[0]?.id, state }));
    if (!r.ok) { setError(r.reason); return; }
    setIp(''); setMac(''); setError(undefined);
  };
  return (
    <div className="mini-form">
      <Input label="IP" value={ip} onChange={setIp} />
      <Input label="lladdr" value={mac} onChange={setMac} placeholder="02:00:00:00:00:01" />
      <Choice label="Dev" value={dev} options={devOptions(devices, false)} onChange={setDev} />
      <Choice label="State" value={state} options={['permanent', 'noarp', 'reachable', 'stale'].map((v) => ({ value: v, label: v }))} onChange={(v) => setState(v as NeighbourState)} />
      <button onClick={submit} disabled={!ip || !mac}>Add neighbour</button>
      {error && <div className="field-error" role="alert">{error}</div>}
    </div>
  );
}

const CHAINS: Record<FirewallRule['table'], FirewallRule['chain'][]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** The conntrack state matches people write, as `-m conntrack --ctstate` choices. */
const STATE_CHOICES = [
  { value: '', label: 'any' },
  { value: 'NEW', label: 'NEW' },
  { value: 'ESTABLISHED,RELATED', label: 'ESTABLISHED,RELATED' },
  { value: '!ESTABLISHED,RELATED', label: '! ESTABLISHED,RELATED' },
  { value: 'INVALID', label: 'INVALID' },
];

function stateMatch(choice: string): Pick<FirewallRule, 'ctstate' | 'ctstateNeg'> {
  if (!choice) return {};
  const neg = choice.startsWith('!');
  return { ctstate: choice.replace(/^!/, '').split(',') as CtState[], ctstateNeg: neg || undefined };
}

export function FirewallForm({ nsId }: { nsId: Id }) {
  const [table, setTable] = useState<FirewallRule['table']>('nat');
  const [chain, setChain] = useState<FirewallRule['chain']>('POSTROUTING');
  const [target, setTarget] = useState<FirewallRule['target']>('MASQUERADE');
  const [proto, setProto] = useState('');
  const [src, setSrc] = useState('');
  const [dst, setDst] = useState('');
  const [inIf, setIn] = useState('');
  const [outIf, setOut] = useState('');
  const [state, setState] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    const rule: FirewallRule = {
      table, chain, target, proto: (proto || undefined) as FirewallRule['proto'],
      src: src.trim() || undefined, dst: dst.trim() || undefined, in: inIf.trim() || undefined, out: outIf.trim() || undefined,
      ...stateMatch(state),
    };
    const r = edit((d) => addFirewallRule(d, nsId, rule));
    if (!r.ok) { setError(r.reason); return; }
    setSrc(''); setDst(''); setIn(''); setOut(''); setError(undefined);
  };
  return (
    <div className="mini-form">
      <Choice label="Table" value={table} options={[{ value: 'filter', label: 'filter' }, { value: 'nat', label: 'nat' }]}
        onChange={(v) => { const t = v as FirewallRule['table']; setTable(t); setChain(CHAINS[t][0]); }} />
      <Choice label="Chain" value={chain} options={CHAINS[table].map((c) => ({ value: c, label: c }))} onChange={(v) => setChain(v as FirewallRule['chain'])} />
      <Choice label="Target" value={target} options={['ACCEPT', 'DROP', 'REJECT', 'MASQUERADE'].map((v) => ({ value: v, label: v }))} onChange={(v) => setTarget(v as FirewallRule['target'])} />
      <Choice label="Proto" value={proto} options={[{ value: '', label: 'any' }, ...['icmp', 'tcp', 'udp'].map((v) => ({ value: v, label: v }))]} onChange={setProto} />
      <Input label="-s" value={src} onChange={setSrc} placeholder="10.0.0.0/24" />
      <Input label="-d" value={dst} onChange={setDst} />
      <Input label="-i" value={inIf} onChange={setIn} placeholder="eth+" />
      <Input label="-o" value={outIf} onChange={setOut} />
      <Choice label="State" value={state} options={STATE_CHOICES} onChange={setState} />
      <button onClick={submit}>Add rule</button>
      {error && <div className="field-error" role="alert">{error}</div>}
    </div>
  );
}
