/**
 * Labs: a task in plain words, goal tests that check it, and faults a teacher injects.
 * Each fault is an ordinary change of the design (the student finds and fixes it with the
 * same tools), recorded in `lab.faults` so the teacher's view can say what was broken.
 */
import { produce } from 'immer';
import { parseCidr } from '../../net/ipv4';
import type { Design, Id } from '../types';
import { done, refuse, type EditResult } from './result';
import { findDevice, findNamespace } from './lookup';

/** Sets the lab's task (creating the lab); empty text with no goals removes it. */
export function setLabTask(design: Design, task: string): EditResult {
  return done(produce(design, (d) => {
    const text = task.trim();
    if (!text && !d.lab?.goals.length && !d.lab?.faults?.length) { delete d.lab; return; }
    d.lab ??= { task: '', goals: [] };
    d.lab.task = text;
  }));
}

/** Makes a saved test a goal of the lab, or no longer one. A goal needs an expected outcome. */
export function setLabGoal(design: Design, testId: Id, goal: boolean): EditResult {
  const test = (design.tests ?? []).find((t) => t.id === testId);
  if (!test) return refuse(`test ${testId} does not exist`);
  if (goal && !test.expect) return refuse('a goal needs an expected outcome (reply or no reply)');
  return done(produce(design, (d) => {
    d.lab ??= { task: '', goals: [] };
    d.lab.goals = d.lab.goals.filter((g) => g !== testId);
    if (goal) d.lab.goals.push(testId);
  }));
}

/** The faults a teacher can inject, each a change an `ip`/`sysctl`/`bridge` command would make. */
export type FaultSpec =
  /** Gives the device's first address another prefix length (`ip addr` with a wrong mask). */
  | { kind: 'wrong-mask'; device: Id; prefix: number }
  /** `ip link set DEV down`. */
  | { kind: 'link-down'; device: Id }
  /** `ip route del DST` in a namespace. */
  | { kind: 'missing-route'; ns: Id; dst: string }
  /** `bridge link set dev PORT hairpin off` (or the switch port's reflective relay off). */
  | { kind: 'hairpin-off'; device: Id }
  /** `sysctl -w net.ipv4.conf.all.rp_filter=1` (strict reverse-path filtering). */
  | { kind: 'rp-filter'; ns: Id };

export const FAULT_KINDS: { kind: FaultSpec['kind']; label: string }[] = [
  { kind: 'wrong-mask', label: 'Wrong mask' },
  { kind: 'link-down', label: 'Link down' },
  { kind: 'missing-route', label: 'Missing route' },
  { kind: 'hairpin-off', label: 'Hairpin off' },
  { kind: 'rp-filter', label: 'Strict rp_filter' },
];

/** Injects a fault into the design and records it in the lab. */
export function injectFault(design: Design, fault: FaultSpec): EditResult {
  const record = (target: Id, description: string, change: (d: Design) => void): EditResult => done(produce(design, (d) => {
    change(d);
    d.lab ??= { task: '', goals: [] };
    (d.lab.faults ??= []).push({ kind: fault.kind, target, description });
  }));
  const devOf = (d: Design, id: Id) => d.hosts.flatMap((h) => h.devices).find((x) => x.id === id)!;
  const nsOf = (d: Design, id: Id) => d.hosts.flatMap((h) => h.namespaces).find((x) => x.id === id)!;
  switch (fault.kind) {
    case 'wrong-mask': {
      const ref = findDevice(design, fault.device);
      if (!ref) return refuse(`device ${fault.device} does not exist`);
      const first = ref.device.addresses[0];
      const c = first && parseCidr(first.cidr);
      if (!c) return refuse(`${ref.device.name} has no address whose mask could be wrong`);
      if (!Number.isInteger(fault.prefix) || fault.prefix < 0 || fault.prefix > 32) return refuse('a prefix length is 0–32');
      if (c.len === fault.prefix) return refuse(`${ref.device.name} already has /${fault.prefix}`);
      const addr = first.cidr.split('/')[0];
      return record(fault.device, `${ref.device.name}: ${first.cidr} became ${addr}/${fault.prefix}`, (d) => { devOf(d, fault.device).addresses[0].cidr = `${addr}/${fault.prefix}`; });
    }
    case 'link-down': {
      const ref = findDevice(design, fault.device);
      if (!ref) return refuse(`device ${fault.device} does not exist`);
      if (!ref.device.up) return refuse(`${ref.device.name} is already down`);
      return record(fault.device, `${ref.device.name} was set down`, (d) => { devOf(d, fault.device).up = false; });
    }
    case 'missing-route': {
      const ref = findNamespace(design, fault.ns);
      if (!ref) return refuse(`namespace ${fault.ns} does not exist`);
      if (!ref.ns.routes.some((r) => r.dst === fault.dst)) return refuse(`${ref.ns.name} has no route to ${fault.dst} (RTNETLINK answers: No such process)`);
      return record(fault.ns, `${ref.ns.name}: the route to ${fault.dst} was deleted`, (d) => { const ns = nsOf(d, fault.ns); ns.routes = ns.routes.filter((r) => r.dst !== fault.dst); });
    }
    case 'hairpin-off': {
      const ref = findDevice(design, fault.device);
      if (!ref) return refuse(`device ${fault.device} does not exist`);
      const dev = ref.device;
      if (dev.master && dev.port?.hairpin) return record(fault.device, `${dev.name}: hairpin turned off on its bridge port`, (d) => { devOf(d, fault.device).port!.hairpin = false; });
      if (dev.kind === 'physical' && dev.lanHairpin) return record(fault.device, `${dev.name}: the switch port no longer reflects frames (hairpin off)`, (d) => { const x = devOf(d, fault.device); if (x.kind === 'physical') delete x.lanHairpin; });
      return refuse(`${dev.name} has no hairpin to turn off`);
    }
    case 'rp-filter': {
      const ref = findNamespace(design, fault.ns);
      if (!ref) return refuse(`namespace ${fault.ns} does not exist`);
      if (ref.ns.sysctls['net.ipv4.conf.all.rp_filter'] === 1) return refuse(`${ref.ns.name} already filters strictly`);
      return record(fault.ns, `${ref.ns.name}: net.ipv4.conf.all.rp_filter=1 (strict)`, (d) => { nsOf(d, fault.ns).sysctls['net.ipv4.conf.all.rp_filter'] = 1; });
    }
  }
}
