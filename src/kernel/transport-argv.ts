/** The command lines the runner uses for tcp/udp and traceroute probes. */
import { shq } from '../core/iproute2/export/shell-quote';
import type { ConnectProbe, TracerouteProbe } from '../core/world/probes';

export function transportArgv(p: ConnectProbe | TracerouteProbe): string[] {
  if (p.kind === 'traceroute') {
    const argv = ['traceroute', '-n', '-q', '1', '-w', String(p.wait), '-m', String(p.max)];
    if (p.icmp) argv.push('-I');
    return [...argv, shq(p.dst)];
  }
  return ['nc', '-z', '-v', ...(p.kind === 'udp' ? ['-u'] : []), '-w', String(p.wait), shq(p.dst), String(p.port)];
}

export function transportTimeout(p: ConnectProbe | TracerouteProbe): number {
  return p.kind === 'traceroute' ? Math.trunc(p.wait * Math.ceil(p.max / 16) + 10) : Math.trunc(p.wait + 5);
}
