/** Container nodes: a machine (its root namespace) and a named network namespace. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { hostById, namespaceById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { FlowNode } from '../flow-sync';
import { DiagnosticMark } from './diagnostic-mark';
import { ContainerResizer } from './container-resizer';
import { EXTERNAL_MIN, HOST_MIN, NS_MIN } from '../geometry';

function HostNodeView({ id, selected }: NodeProps<FlowNode>) {
  const host = useAppStore((s) => hostById(s.design, id));
  if (!host) return null;
  const external = host.role === 'external';
  return (
    <div className={`container-node host-node${external ? ' external' : ''}`} data-testid={`host-${host.name}`}>
      <ContainerResizer id={id} selected={!!selected} min={external ? EXTERNAL_MIN : HOST_MIN} />
      <div className="container-header">
        <span className="container-kind">{external ? 'external host' : 'host'}</span>
        <span className="container-name">{host.name}</span>
        {!external && <span className="muted small">root namespace</span>}
        <DiagnosticMark id={host.id} />
      </div>
    </div>
  );
}

function NamespaceNodeView({ id, selected }: NodeProps<FlowNode>) {
  const ns = useAppStore((s) => namespaceById(s.design, id));
  if (!ns) return null;
  const extras = [ns.routes.length && `${ns.routes.length} route${ns.routes.length > 1 ? 's' : ''}`, ns.firewall.length && `${ns.firewall.length} rule${ns.firewall.length > 1 ? 's' : ''}`, ns.sysctls['net.ipv4.ip_forward'] === 1 && 'forwarding'].filter(Boolean);
  return (
    <div className="container-node ns-node" data-testid={`netns-${ns.name}`}>
      <ContainerResizer id={id} selected={!!selected} min={NS_MIN} />
      <div className="container-header">
        <span className="container-kind">netns</span>
        <span className="container-name">{ns.name}</span>
        {extras.length > 0 && <span className="muted small">{extras.join(' · ')}</span>}
        <DiagnosticMark id={ns.id} />
      </div>
    </div>
  );
}

export const HostNode = memo(HostNodeView);
export const NamespaceNode = memo(NamespaceNodeView);
