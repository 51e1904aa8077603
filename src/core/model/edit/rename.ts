/** Renaming any object, with the kernel's (or `ip netns`'s) naming rules. */
import { produce } from 'immer';
import { interfaceNameProblem, namespaceNameProblem } from '../names';
import type { Design, Id } from '../types';
import { done, refuse, type EditResult } from './result';
import { findDevice, findNamespace } from './lookup';

/** Why `name` cannot be the new name of object `id`, or undefined if it can. */
export function renameProblem(design: Design, id: Id, name: string): string | undefined {
  const dev = findDevice(design, id);
  if (dev) {
    if (dev.device.kind === 'loopback' && name !== 'lo') return 'the loopback device is always lo';
    const bad = interfaceNameProblem(name);
    if (bad) return bad;
    const clash = dev.host.devices.find((d) => d.ns === dev.device.ns && d.id !== id && d.name === name);
    return clash ? `this namespace already has a device named ${name} (EEXIST)` : undefined;
  }
  const ns = findNamespace(design, id);
  if (ns) {
    const bad = namespaceNameProblem(name);
    if (bad) return bad;
    if (ns.ns.root) return 'the root namespace is named after its machine; rename the machine';
    return ns.host.namespaces.some((n) => n.id !== id && n.name === name) ? `namespace "${name}" already exists` : undefined;
  }
  const host = design.hosts.find((h) => h.id === id);
  if (host) {
    const bad = namespaceNameProblem(name);
    if (bad) return bad;
    const taken = design.hosts.some((h) => h.id !== id && (h.name === name || h.namespaces.some((n) => !n.root && n.name === name)));
    return taken ? `"${name}" already names a machine or namespace` : undefined;
  }
  const lan = design.lans.find((l) => l.id === id);
  if (lan) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return 'a LAN segment name is letters, digits, ".", "_" or "-"';
    return design.lans.some((l) => l.id !== id && l.name === name) ? `LAN segment "${name}" already exists` : undefined;
  }
  return `object ${id} does not exist`;
}

/** Renames a device, namespace, machine or LAN segment. A machine's root namespace follows its name. */
export function rename(design: Design, id: Id, name: string): EditResult {
  const problem = renameProblem(design, id, name);
  if (problem) return refuse(problem);
  const next = produce(design, (d) => {
    for (const h of d.hosts) {
      if (h.id === id) {
        h.name = name;
        const root = h.namespaces.find((n) => n.root);
        if (root) root.name = name;
      }
      for (const n of h.namespaces) if (n.id === id) n.name = name;
      for (const dev of h.devices) if (dev.id === id) dev.name = name;
    }
    for (const l of d.lans) if (l.id === id) l.name = name;
  });
  return done(next);
}
