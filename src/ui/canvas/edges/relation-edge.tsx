/**
 * One edge component for every relation; the relation decides the look (colour, dash, label)
 * so a reader can tell a lower-device link from a bridge port or a veth pair at a glance.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Relation } from '../../../core/model/edit/connect';
import type { Device } from '../../../core/model/types';
import { deviceById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { FlowEdge } from '../flow-sync';

function label(relation: Relation, d: Device | undefined): string {
  if (!d) return relation;
  switch (relation) {
    case 'parent':
      if (d.kind === 'macvlan' || d.kind === 'macvtap') return `${d.kind} ${d.mode}`;
      if (d.kind === 'ipvlan') return `ipvlan ${d.mode}`;
      if (d.kind === 'vlan') return `vlan ${d.vid}`;
      return 'link';
    case 'master': return d.port?.hairpin ? 'port · hairpin' : 'port';
    case 'lan': return d.kind === 'physical' && d.lanHairpin ? 'lan · hairpin' : 'lan';
    case 'peer': return 'veth peer';
  }
}

function RelationEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const relation = data?.relation ?? 'parent';
  const dev = useAppStore((s) => (data ? deviceById(s.design, data.entityId) : undefined));
  const [path, midX, midY] = relation === 'peer'
    ? getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
    : getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10 });
  // Stacking labels sit by the upper device's plug, so several children of one parent don't
  // pile their labels on the parent; the others sit mid-wire.
  const [lx, ly] = relation === 'parent' ? [sourceX, sourceY + 14] : relation === 'master' ? [sourceX, sourceY - 14] : [midX, midY];
  return (
    <>
      <BaseEdge id={id} path={path} className={`rel-edge rel-${relation}${selected ? ' selected' : ''}`} interactionWidth={14} />
      <EdgeLabelRenderer>
        <div className={`edge-label rel-label-${relation}${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}>
          {label(relation, dev)}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const RelationEdge = memo(RelationEdgeView);
