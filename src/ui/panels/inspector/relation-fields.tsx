/**
 * Dropdowns for a device's wires, beside drag-to-wire on the canvas: lower device, bridge
 * (master), veth peer and LAN segment. They call the same core commands as the canvas, so a
 * choice the kernel would refuse is refused with the kernel's reason (shown under the field).
 */
import { useId, useState } from 'react';
import { connect, connectProblem, disconnect, isChildKind, type Relation } from '../../../core/model/edit/connect';
import type { Design, Device } from '../../../core/model/types';
import { Section } from './fields';
import { edit } from './use-edit';

interface Choice { value: string; label: string; problem?: string }

function RelationSelect({ label, relation, dev, value, choices, none, testId }: {
  label: string; relation: Relation; dev: Device; value: string; choices: Choice[]; none?: string; testId: string;
}) {
  const id = useId();
  const [error, setError] = useState<string>();
  const onChange = (v: string) => {
    const r = v === '' ? edit((d) => disconnect(d, dev.id, relation)) : edit((d) => connect(d, dev.id, v, relation));
    setError(r.ok ? undefined : r.reason);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={error ? `${id}-err` : undefined}>
        {none !== undefined && <option value="">{none}</option>}
        {choices.map((c) => <option key={c.value} value={c.value} title={c.problem}>{c.label}{c.problem ? ' (refused)' : ''}</option>)}
      </select>
      {error && <div className="field-error" role="alert" id={`${id}-err`}>{error}</div>}
    </div>
  );
}

export function RelationFields({ dev, design }: { dev: Device; design: Design }) {
  const host = design.hosts.find((h) => h.devices.some((d) => d.id === dev.id));
  if (!host) return null;
  const nsName = (d: Device) => host.namespaces.find((n) => n.id === d.ns)?.name ?? '?';
  const choice = (d: Device, relation: Relation): Choice => ({ value: d.id, label: `${d.name} (${nsName(d)})`, problem: connectProblem(design, dev.id, d.id, relation) });
  const others = host.devices.filter((d) => d.id !== dev.id && d.kind !== 'loopback');
  const fields = [];
  if (isChildKind(dev.kind) && 'parent' in dev) {
    fields.push(<RelationSelect key="parent" label="Lower device (link)" relation="parent" dev={dev} value={dev.parent}
      none="(not connected)" choices={others.map((d) => choice(d, 'parent'))} testId="relation-parent" />);
  }
  if (dev.kind !== 'bridge' || others.some((d) => d.kind === 'bridge')) {
    const bridges = others.filter((d) => d.kind === 'bridge');
    if (bridges.length || dev.master) {
      fields.push(<RelationSelect key="master" label="Bridge (master)" relation="master" dev={dev} value={dev.master ?? ''}
        none="(no master)" choices={bridges.map((d) => choice(d, 'master'))} testId="relation-master" />);
    }
  }
  if (dev.kind === 'veth') {
    fields.push(<RelationSelect key="peer" label="Peer" relation="peer" dev={dev} value={dev.peer}
      choices={others.filter((d) => d.kind === 'veth').map((d) => choice(d, 'peer'))} testId="relation-peer" />);
  }
  if (dev.kind === 'physical') {
    fields.push(<RelationSelect key="lan" label="LAN segment" relation="lan" dev={dev} value={dev.lan ?? ''}
      none="(not plugged in)" choices={design.lans.map((l) => ({ value: l.id, label: l.name, problem: connectProblem(design, dev.id, l.id, 'lan') }))} testId="relation-lan" />);
  }
  if (!fields.length) return null;
  return <Section title="Wires">{fields}</Section>;
}
