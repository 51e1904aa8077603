/** A network device on the canvas: name, kind, mode, addresses and its role-specific handles. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isChildKind } from '../../../core/model/edit/connect';
import type { Device } from '../../../core/model/types';
import { extensions } from '../../slots/registry';
import { deviceById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { FlowNode } from '../flow-sync';
import { DiagnosticMark } from './diagnostic-mark';

/** One-line description of the kind and its main setting, e.g. "macvlan · bridge". */
export function kindLabel(d: Device): string {
  switch (d.kind) {
    case 'macvlan': case 'macvtap': return `${d.kind} · ${d.mode}`;
    case 'ipvlan': return `ipvlan · ${d.mode} ${d.flag}`;
    case 'vlan': return `vlan · id ${d.vid}`;
    case 'vxlan': return `vxlan · id ${d.vni}`;
    case 'ipip': case 'gre': case 'gretap': return `${d.kind}${d.remote ? ` · to ${d.remote}` : ''}`;
    case 'bridge': return d.vlanFiltering ? 'bridge · vlan filtering' : 'bridge';
    case 'tap': case 'tun': return `${d.kind}${d.attached ? ' · attached' : ''}`;
    default: return d.kind;
  }
}

const decorations = extensions.filter((e) => e.DeviceDecoration);

function DeviceNodeView({ id }: NodeProps<FlowNode>) {
  const dev = useAppStore((s) => deviceById(s.design, id));
  if (!dev) return null;
  const addrs = dev.addresses.map((a) => a.cidr);
  const child = isChildKind(dev.kind);
  return (
    <div className={`device-node kind-${dev.kind}${dev.up ? '' : ' is-down'}`} data-testid={`device-${dev.name}`}>
      <Handle type="target" id="upper" position={Position.Top} className="h-upper" style={{ left: '30%' }} title="Lower-device socket: drag a macvlan/ipvlan/VLAN plug here" />
      {dev.kind !== 'bridge' && (
        <Handle type="source" id="master" position={Position.Top} className="h-master" style={{ left: '72%' }} title="Bridge port plug: drag to a bridge" />
      )}
      {child && <Handle type="source" id="link" position={Position.Bottom} className="h-link" style={{ left: '30%' }} title="Lower-device plug: drag to the device this sits on" />}
      {dev.kind === 'bridge' && <Handle type="target" id="ports" position={Position.Bottom} className="h-ports" style={{ left: '70%' }} title="Bridge ports socket" />}
      {dev.kind === 'physical' && <Handle type="source" id="lan" position={Position.Bottom} className="h-lan" style={{ left: '72%' }} title="LAN plug: drag to a LAN segment" />}
      {dev.kind === 'veth' && <>
        <Handle type="target" id="peer-l" position={Position.Left} className="h-peer" title="veth peer" />
        <Handle type="source" id="peer-r" position={Position.Right} className="h-peer" title="veth peer" />
      </>}
      <div className="device-head">
        <span className={`state-dot ${dev.up ? 'up' : 'down'}`} title={dev.up ? 'up' : 'down'} />
        <span className="device-name">{dev.name}</span>
        {!dev.up && <span className="device-state">down</span>}
        <DiagnosticMark id={dev.id} />
      </div>
      <div className="device-kind">{kindLabel(dev)}</div>
      {decorations.map((e) => { const D = e.DeviceDecoration!; return <D key={e.id} id={dev.id} />; })}
      <div className="device-addrs">
        {addrs.length ? addrs.slice(0, 2).join(', ') + (addrs.length > 2 ? ` +${addrs.length - 2}` : '') : <span className="muted">no address</span>}
      </div>
    </div>
  );
}

export const DeviceNode = memo(DeviceNodeView);
