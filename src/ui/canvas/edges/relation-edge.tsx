/**
 * One edge component for every relation; the relation decides the look (colour, dash, label)
 * so a reader can tell a lower-device link from a bridge port or a veth pair at a glance.
 * In a large design (`LargeDesign`) a wire is a straight line without a label, drawn only
 * while the line crosses the screen: panning then repaints a few short paths, not hundreds of
 * routed wires and their labels.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, useStore, type EdgeProps } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import type { Relation } from '../../../core/model/edit/connect';
import type { Device } from '../../../core/model/types';
import { deviceById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { FlowEdge } from '../flow-sync';
import { DEVICE_W } from '../geometry';
import { midLabel, plugLabel, plugStepCentreY, segmentOnScreen, stackedPeerPath } from './edge-route';

/** True when the canvas draws a large design (set by the canvas). */
export const LargeDesign = createContext(false);

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

function CheapEdge({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<FlowEdge>) {
  const onScreen = useStore((s) => segmentOnScreen(sourceX, sourceY, targetX, targetY, s));
  if (!onScreen) return null;
  const relation = data?.relation ?? 'parent';
  return <BaseEdge id={id} path={`M ${sourceX} ${sourceY} L ${targetX} ${targetY}`} className={`rel-edge rel-${relation}${selected ? ' selected' : ''}`} interactionWidth={10} />;
}

function RelationEdgeView(props: EdgeProps<FlowEdge>) {
  return useContext(LargeDesign) ? <CheapEdge {...props} /> : <RoutedEdge {...props} />;
}

function RoutedEdge(props: EdgeProps<FlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const relation = data?.relation ?? 'parent';
  const dev = useAppStore((s) => (data ? deviceById(s.design, data.entityId) : undefined));
  const bracket = relation === 'peer' ? stackedPeerPath(sourceX, sourceY, targetX, targetY, DEVICE_W) : undefined;
  const [curve, midX, midY] = relation === 'peer'
    ? getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
    : getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 10,
      centerY: relation === 'parent' || relation === 'master' ? plugStepCentreY(sourceY, targetY) : undefined });
  const path = bracket?.path ?? curve;
  // Stacking labels sit by the upper device's plug, so several children of one parent don't
  // pile their labels on the parent; the others sit mid-wire. All sit beside the wire.
  const spot = bracket?.label ?? (relation === 'parent' ? plugLabel(sourceX, sourceY, false) : relation === 'master' ? plugLabel(sourceX, sourceY, true) : midLabel({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, midX, midY, relation === 'peer'));
  return (
    <>
      <BaseEdge id={id} path={path} className={`rel-edge rel-${relation}${selected ? ' selected' : ''}`} interactionWidth={14} />
      <EdgeLabelRenderer>
        <div data-edge={id} className={`edge-label rel-label-${relation}${selected ? ' selected' : ''}`}
          style={{ transform: `translate(${spot.x}px, ${spot.y}px) ${spot.anchor}` }}>
          {label(relation, dev)}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const RelationEdge = memo(RelationEdgeView);
