/**
 * `ip link add NAME type ipip|gre|gretap local A remote B …` for a tunnel device, with the
 * options the design sets (the kernel's defaults left out), every value quoted.
 */
import type { IpTunnelDevice } from '../../model/tunnel-types';
import type { MachinePlan } from './machine-plan';
import { sh } from './shell-quote';

export function ipTunnelCommands(p: MachinePlan, d: IpTunnelDevice, ip: string): string[] {
  let opts = '';
  if (d.local) opts += sh` local ${d.local}`;
  if (d.remote) opts += sh` remote ${d.remote}`;
  if (d.ttl) opts += sh` ttl ${d.ttl}`;
  if (d.kind !== 'ipip') {
    if (d.ikey !== undefined && d.ikey === d.okey) opts += sh` key ${d.ikey}`;
    else {
      if (d.ikey !== undefined) opts += sh` ikey ${d.ikey}`;
      if (d.okey !== undefined) opts += sh` okey ${d.okey}`;
    }
  }
  const under = d.underlay ? p.byId.get(d.underlay) : undefined;
  if (under) opts += sh` dev ${under.name}`;
  if (d.pmtudisc === false) opts += ' nopmtudisc';
  // the kind is one of three fixed words
  return [`${ip} ${sh`link add name ${d.name}`} type ${d.kind}${opts}`];
}
