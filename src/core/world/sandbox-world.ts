/**
 * Builds the world outside a host (the `# phys:` / `# host:` header) inside a sandbox, the
 * same way the conformance harness does (fixtures' lib/oracle.py `build_world`):
 *
 * - each LAN segment is a bridge `sw` (STP off) in a namespace `_lan_SEGMENT`, loopback up;
 * - each physical NIC is a veth end in the current (host) namespace whose peer `pN` is a
 *   port of that bridge, with hairpin on that port when declared, the NIC's MAC and
 *   addresses, and up unless `down`;
 * - each external host is a namespace NAME with loopback up and one veth `eth0` whose peer
 *   `hN` is a port of its segment's bridge, with its addresses and `default via GATEWAY`.
 *
 * The result is plain bash lines (every value single-quoted) to run as root in the sandbox's
 * own network namespace, which plays the host. Shared by the sandbox export and `verify`.
 */
import { sh } from '../iproute2/export/shell-quote';
import type { WorldHeader } from './header';

/** Prefix of the harness namespaces holding LAN switches; reserved in designs. */
export const LAN_NS_PREFIX = '_lan_';

/** Segment names in first-use order: phys NICs first, then external hosts. */
export function worldSegments(header: WorldHeader): string[] {
  const segs: string[] = [];
  for (const x of [...header.phys, ...header.hosts]) if (!segs.includes(x.lan)) segs.push(x.lan);
  return segs;
}

/** One world-building command and the header declaration it serves (index into phys/hosts). */
export interface WorldStep {
  command: string;
  phys?: number;
  host?: number;
}

/** Bash lines that build the world of `header` (run as root in the host's namespace). */
export function sandboxWorldCommands(header: WorldHeader): string[] {
  return sandboxWorldSteps(header).map((s) => s.command);
}

/** The same commands as `sandboxWorldCommands`, each with the declaration it comes from. */
export function sandboxWorldSteps(header: WorldHeader): WorldStep[] {
  const steps: WorldStep[] = [];
  for (const seg of worldSegments(header)) {
    const ns = LAN_NS_PREFIX + seg;
    steps.push(
      { command: sh`ip netns add ${ns}` },
      { command: sh`ip -n ${ns} link set dev lo up` },
      { command: sh`ip -n ${ns} link add name sw type bridge` },
      { command: sh`ip -n ${ns} link set dev sw up` },
    );
  }
  header.phys.forEach((p, i) => {
    const ns = LAN_NS_PREFIX + p.lan;
    const port = `p${i}`;
    const add = (command: string) => steps.push({ command, phys: i });
    add(sh`ip link add name ${p.name} type veth peer name ${port} netns ${ns}`);
    if (p.mac) add(sh`ip link set dev ${p.name} address ${p.mac}`);
    add(sh`ip -n ${ns} link set dev ${port} master sw`);
    if (p.hairpin) add(sh`ip -n ${ns} link set dev ${port} type bridge_slave hairpin on`);
    add(sh`ip -n ${ns} link set dev ${port} up`);
    for (const a of p.addrs) add(sh`ip addr add ${a} dev ${p.name}`);
    if (!p.down) add(sh`ip link set dev ${p.name} up`);
  });
  header.hosts.forEach((h, i) => {
    const sw = LAN_NS_PREFIX + h.lan;
    const port = `h${i}`;
    const add = (command: string) => steps.push({ command, host: i });
    add(sh`ip netns add ${h.name}`);
    add(sh`ip -n ${h.name} link set dev lo up`);
    add(sh`ip -n ${sw} link add name ${port} type veth peer name eth0 netns ${h.name}`);
    if (h.mac) add(sh`ip -n ${h.name} link set dev eth0 address ${h.mac}`);
    add(sh`ip -n ${sw} link set dev ${port} master sw`);
    add(sh`ip -n ${sw} link set dev ${port} up`);
    for (const a of h.addrs) add(sh`ip -n ${h.name} addr add ${a} dev eth0`);
    add(sh`ip -n ${h.name} link set dev eth0 up`);
    if (h.via) add(sh`ip -n ${h.name} route add default via ${h.via}`);
  });
  return steps;
}
