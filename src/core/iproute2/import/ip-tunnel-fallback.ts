/**
 * The fallback devices the tunnel modules make in every namespace when they load
 * (ipip.c ipip_init_net: tunl0; ip_gre.c: gre0, gretap0, erspan0). A name of theirs is
 * taken once a tunnel of the family exists on the machine, or is being made now.
 */
import type { Host } from '../../model/types';

const FAMILY: Record<string, { kinds: string[]; names: string[] }> = {
  ipip: { kinds: ['ipip'], names: ['tunl0'] },
  gre: { kinds: ['gre', 'gretap'], names: ['gre0', 'gretap0', 'erspan0'] },
};

/** Whether `name` is a fallback device's that exists once `kind` is made on `host`. */
export function fallbackTaken(host: Host, kind: string, name: string): boolean {
  for (const f of Object.values(FAMILY)) {
    if (!f.names.includes(name)) continue;
    if (f.kinds.includes(kind) || host.devices.some((d) => f.kinds.includes(d.kind))) return true;
  }
  return false;
}

/** The fallback device names present in every namespace of `host`, by kind. */
export function fallbackDevices(host: Host): { name: string; kind: string }[] {
  const out: { name: string; kind: string }[] = [];
  if (host.devices.some((d) => d.kind === 'ipip')) out.push({ name: 'tunl0', kind: 'ipip' });
  if (host.devices.some((d) => d.kind === 'gre' || d.kind === 'gretap')) out.push({ name: 'gre0', kind: 'gre' }, { name: 'gretap0', kind: 'gretap' }, { name: 'erspan0', kind: 'erspan' });
  return out;
}
