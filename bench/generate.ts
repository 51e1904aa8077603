/**
 * Designs for benchmarks: N namespaces on one bridge, each joined by a veth pair, addresses
 * in one /16 — the shape of a container host. Built through the importer, like a user's script.
 */
import { importScript } from '../src/core/iproute2/import/index';
import type { Design } from '../src/core/model/types';

export function bridgedNamespacesScript(n: number): string {
  const lines = ['ip link add br0 type bridge', 'ip addr add 10.0.0.1/16 dev br0', 'ip link set br0 up'];
  for (let i = 1; i <= n; i++) {
    const ip = `10.0.${(i + 1) >> 8}.${(i + 1) & 255}`;
    lines.push(
      `ip netns add ns${i}`,
      `ip link add h${i} type veth peer name c${i} netns ns${i}`,
      `ip link set h${i} master br0`,
      `ip link set h${i} up`,
      `ip -n ns${i} link set lo up`,
      `ip -n ns${i} addr add ${ip}/16 dev c${i}`,
      `ip -n ns${i} link set c${i} up`,
    );
  }
  return lines.join('\n') + '\n';
}

export function addressOf(i: number): string {
  return `10.0.${(i + 1) >> 8}.${(i + 1) & 255}`;
}

export function bridgedNamespaces(n: number): Design {
  const { design, diagnostics } = importScript(bridgedNamespacesScript(n), { file: `bench-${n}.sh` });
  const errors = diagnostics.filter((d) => d.level === 'error');
  if (errors.length) throw new Error(`generated design has errors: ${errors[0].message}`);
  return design;
}
