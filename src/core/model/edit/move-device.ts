/**
 * `ip link set DEV netns NS`: what the move does to the configuration (kernel-behaviour 0.5).
 * The device is closed, unregistered (its addresses, routes and neighbours go, it leaves its
 * bridge) and re-registered in the target namespace with that namespace's defaults.
 * Children of a moved parent stay where they are and keep their parent.
 */
import { produce, type Draft } from 'immer';
import type { Design, Device, Host, Id } from '../types';
import { done, refuse, type EditResult } from './result';
import { findDevice } from './lookup';

/** Why `ip link set` refuses to move this device to `nsId`, or undefined if it may move. */
export function moveProblem(design: Design, devId: Id, nsId: Id): string | undefined {
  const ref = findDevice(design, devId);
  if (!ref) return `device ${devId} does not exist`;
  const { host, device } = ref;
  const target = host.namespaces.find((n) => n.id === nsId);
  if (!target) return `a device stays on its machine: ${device.name} cannot move to another machine`;
  // NETIF_F_NETNS_LOCAL: loopback and bridge devices are pinned to their namespace.
  if (device.kind === 'loopback') return 'lo cannot change namespace (EINVAL: the loopback device is netns-local)';
  if (device.kind === 'bridge') return `${device.name} cannot change namespace (EINVAL: a bridge device is netns-local)`;
  if (host.devices.some((d) => d.ns === nsId && d.id !== devId && d.name === device.name)) {
    return `namespace ${target.name} already has a device named ${device.name} (EEXIST)`;
  }
  return undefined;
}

/** Forgets everything the namespace held about the device (addresses, routes, neighbours, port). */
export function unregisterFromNamespace(host: Draft<Host>, dev: Draft<Device>): void {
  const oldNs = host.namespaces.find((n) => n.id === dev.ns);
  if (oldNs) {
    oldNs.routes = oldNs.routes.filter((r) => r.dev !== dev.id);
    oldNs.neighbours = oldNs.neighbours.filter((n) => n.dev !== dev.id);
  }
  dev.addresses = [];
  delete dev.master;
  delete dev.port;
  delete dev.sysctls;
  // Ports of a bridge that is unregistered leave it.
  for (const port of host.devices) if (port.master === dev.id) { delete port.master; delete port.port; }
}

/** Moves device `devId` to namespace `nsId` of the same machine, as the kernel does. */
export function moveDevice(design: Design, devId: Id, nsId: Id): EditResult {
  const problem = moveProblem(design, devId, nsId);
  if (problem) return refuse(problem);
  const { host, device } = findDevice(design, devId)!;
  if (device.ns === nsId) return done(design);
  const next = produce(design, (d) => {
    const h = d.hosts.find((x) => x.id === host.id)!;
    const dev = h.devices.find((x) => x.id === devId)!;
    unregisterFromNamespace(h, dev);
    dev.up = false;
    dev.ns = nsId;
  });
  return done(next);
}
