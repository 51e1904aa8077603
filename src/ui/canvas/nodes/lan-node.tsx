/** A LAN segment (a switch of the outside world) that NICs plug into. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { lanById } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import type { FlowNode } from '../flow-sync';

function LanNodeView({ id }: NodeProps<FlowNode>) {
  const lan = useAppStore((s) => lanById(s.design, id));
  if (!lan) return null;
  return (
    <div className="lan-node" data-testid={`lan-${lan.name}`}>
      <Handle type="target" id="nic" position={Position.Top} className="h-nic" title="Plug NICs in here" />
      <Handle type="target" id="nic-b" position={Position.Bottom} className="h-nic" title="Plug NICs in here" />
      <span className="container-kind">LAN segment</span>
      <span className="device-name">{lan.name}</span>
    </div>
  );
}

export const LanNode = memo(LanNodeView);
