/**
 * Generated designs of a chosen size for measurements: a script of namespaces, each holding
 * two veth ends whose peers are bridge ports in the root namespace, imported and laid out
 * with the canvas's metrics exactly as an Import would do.
 */
import { importScript } from '../src/core/iproute2/import/index';
import { autoLayout } from '../src/core/layout/auto-layout';
import type { Design } from '../src/core/model/types';
import { DEVICE_H, DEVICE_W, EXTERNAL_MIN, HEADER, HOST_MIN, LAN_H, LAN_W, NS_MIN, PAD } from '../src/ui/canvas/geometry';

const BRIDGES = 4;

/** A script creating about `devices` devices (bridges + 4 veth ends per namespace). */
export function generatedScript(devices: number): string {
  const namespaces = Math.floor((devices - BRIDGES) / 4);
  const lines: string[] = [];
  for (let b = 0; b < BRIDGES; b++) lines.push(`ip link add br${b} type bridge`);
  for (let i = 0; i < namespaces; i++) {
    lines.push(
      `ip netns add ns${i}`,
      `ip link add va${i} type veth peer name vb${i}`, `ip link set vb${i} netns ns${i}`,
      `ip link add vc${i} type veth peer name vd${i}`, `ip link set vd${i} netns ns${i}`,
      `ip link set va${i} master br${i % BRIDGES}`, `ip link set vc${i} master br${i % BRIDGES}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The imported, laid-out design of `generatedScript(devices)`. */
export function generatedDesign(devices: number): Design {
  const r = importScript(generatedScript(devices), { file: 'generated.sh' });
  const errors = r.diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(`generated script refused: ${errors[0].message}`);
  return autoLayout(r.design, {
    device: { width: DEVICE_W, height: DEVICE_H }, lan: { width: LAN_W, height: LAN_H }, header: HEADER, pad: PAD,
    namespaceMin: NS_MIN, hostMin: HOST_MIN, externalMin: EXTERNAL_MIN,
  });
}

/** How many React Flow nodes the canvas draws for `design` (loopbacks and root namespaces are not drawn). */
export function drawnNodeCount(design: Design): number {
  return design.lans.length + design.hosts.reduce((n, h) => n + 1
    + h.namespaces.filter((ns) => !ns.root).length
    + h.devices.filter((d) => d.kind !== 'loopback').length, 0);
}
