/** Every setting of a namespace: name, loopback, routes, neighbours, sysctls, firewall. */
import { firewallSpec } from '../../../core/iproute2/export/setup-phases';
import { removeFirewallRule, removeNeighbour, removeRoute, setDeviceFields, setPolicy, setSysctl } from '../../../core/model/edit/fields';
import { rename, renameProblem } from '../../../core/model/edit/rename';
import { SYSCTL_DEFAULTS, type Design, type Namespace, type Route } from '../../../core/model/types';
import { deviceById, hostOfId, namespaceById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { intOrUndefined, intProblem, Row, Section, Select, TextField, Toggle } from './fields';
import { FirewallForm, NeighbourForm, RouteForm } from './route-forms';
import { edit } from './use-edit';

/** `ip route` style text of a route. */
export function routeText(design: Design, r: Route): string {
  const parts = [r.type && r.type !== 'unicast' ? `${r.type} ${r.dst}` : r.dst];
  if (r.via) parts.push(`via ${r.via}`);
  if (r.dev) parts.push(`dev ${deviceById(design, r.dev)?.name ?? '?'}`);
  if (r.src) parts.push(`src ${r.src}`);
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`);
  if (r.scope) parts.push(`scope ${r.scope}`);
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}

/** The parts of a namespace that both designed namespaces and a host's root namespace have. */
export function NamespaceSettings({ ns, design }: { ns: Namespace; design: Design }) {
  const host = hostOfId(design, ns.id)!;
  const devices = host.devices.filter((d) => d.ns === ns.id);
  const lo = devices.find((d) => d.kind === 'loopback');
  return (
    <>
      {lo && <Toggle label="lo up" checked={lo.up} onChange={(v) => edit((d) => setDeviceFields(d, lo.id, { up: v }))} />}
      <Section title="Routes">
        <ul className="rows" data-testid="route-list">
          {ns.routes.map((r, i) => <Row key={i} removeLabel={`Remove route ${r.dst}`} onRemove={() => edit((d) => removeRoute(d, ns.id, i))}>{routeText(design, r)}</Row>)}
        </ul>
        <RouteForm design={design} nsId={ns.id} devices={devices} />
      </Section>
      <Section title="Static neighbours" open={ns.neighbours.length > 0}>
        <ul className="rows">
          {ns.neighbours.map((n, i) => <Row key={i} removeLabel={`Remove neighbour ${n.ip}`} onRemove={() => edit((d) => removeNeighbour(d, ns.id, i))}>{n.ip} lladdr {n.lladdr} dev {deviceById(design, n.dev)?.name} nud {n.state}</Row>)}
        </ul>
        <NeighbourForm nsId={ns.id} devices={devices} />
      </Section>
      <Section title="Sysctls" open={false}>
        {Object.keys(SYSCTL_DEFAULTS).map((k) => (
          <TextField key={k} label={k} value={ns.sysctls[k] === undefined ? '' : String(ns.sysctls[k])} placeholder={`default ${SYSCTL_DEFAULTS[k]}`}
            validate={intProblem} onCommit={(v) => edit((d) => setSysctl(d, ns.id, k, intOrUndefined(v)))} />
        ))}
        {Object.keys(ns.sysctls).filter((k) => !(k in SYSCTL_DEFAULTS)).map((k) => (
          <TextField key={k} label={k} value={String(ns.sysctls[k])} validate={intProblem} onCommit={(v) => edit((d) => setSysctl(d, ns.id, k, intOrUndefined(v)))} />
        ))}
        <TextField label="Other sysctl (name=value)" value="" clearOnCommit placeholder="net.ipv4.conf.default.rp_filter=1"
          validate={(v) => (/^net\.[\w.-]+=-?\d+$/.test(v.trim()) ? undefined : 'name=value, e.g. net.ipv4.conf.all.arp_ignore=1')}
          onCommit={(v) => { const [k, val] = v.trim().split('='); return edit((d) => setSysctl(d, ns.id, k, Number(val))); }} />
      </Section>
      <Section title="Firewall (iptables)" open={ns.firewall.length > 0}>
        <ul className="rows">
          {ns.firewall.map((r, i) => (
            <Row key={i} removeLabel="Remove rule" onRemove={() => edit((d) => removeFirewallRule(d, ns.id, i))}>
              {firewallSpec(r, '-A').replace(/'/g, '')}
            </Row>
          ))}
        </ul>
        <FirewallForm nsId={ns.id} />
        {(['filter/INPUT', 'filter/FORWARD', 'filter/OUTPUT'] as const).map((tc) => (
          <Select key={tc} label={`Policy ${tc}`} value={ns.policies?.[tc] ?? 'ACCEPT'} options={['ACCEPT', 'DROP'] as const}
            onChange={(v) => edit((d) => setPolicy(d, ns.id, tc, v))} />
        ))}
      </Section>
    </>
  );
}

export function NamespaceInspector({ id }: { id: string }) {
  const design = useAppStore((s) => s.design);
  const ns = namespaceById(design, id);
  if (!ns) return null;
  return (
    <div className="inspector-body" data-testid="namespace-inspector">
      <h2><span className="badge">netns</span> {ns.name}</h2>
      <TextField label="Name" value={ns.name} validate={(v) => renameProblem(design, id, v)} onCommit={(v) => edit((d) => rename(d, id, v))} testId="field-name" />
      <NamespaceSettings ns={ns} design={design} />
    </div>
  );
}
