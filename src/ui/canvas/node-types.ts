/** Module-level node and edge type maps (stable identities; React Flow warns otherwise). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { RelationEdge } from './edges/relation-edge';
import { HostNode, NamespaceNode } from './nodes/container-nodes';
import { DeviceNode } from './nodes/device-node';
import { LanNode } from './nodes/lan-node';

export const nodeTypes = {
  host: HostNode,
  namespace: NamespaceNode,
  device: DeviceNode,
  lan: LanNode,
} satisfies NodeTypes;

export const edgeTypes = { relation: RelationEdge } satisfies EdgeTypes;
