/**
 * Runs one console line in a simulated namespace: the show commands answer at once from
 * the live state; `ping` and `arping` start the core probes and stream their output.
 */
import type { Sim } from '../../core/sim/model';
import { startPing } from '../../core/sim/probes/ping';
import { startArping } from '../../core/sim/probes/arping';
import { formatIp, parseIp } from '../../core/net/ipv4';
import { routeOutput } from '../../core/sim/stack/route';
import type { ArpingProbe, PingProbe, TracerouteProbe } from '../../core/world/probes';
import { startConnect } from '../../core/sim/probes/connect';
import { startTraceroute, tracerouteText } from '../../core/sim/probes/traceroute';
import { CONSOLE_HELP, type ConsoleCommand } from './parse';
import { bridgeFdb, ipAddr, ipAddrBrief, ipLink, ipLinkBrief, ipNeigh, ipRoute, sysctlShow } from './ip-show';
import { pingBanner, pingOutcome, pingSummary, watchPingSocket, type ProbeSink } from './probe-output';

/** iputils ping waits this long after its last request without -W (MAXWAIT). */
const PING_LINGER_S = 10;

/** Whether the command needs the simulation to run (a probe) or answers at once. */
export function isProbe(cmd: ConsoleCommand): boolean {
  return cmd.kind === 'ping' || cmd.kind === 'arping' || cmd.kind === 'nc' || cmd.kind === 'traceroute';
}

/** Output of a command that does not need the simulation to run. */
export function showCommand(sim: Sim, nsLabel: string, cmd: ConsoleCommand): string {
  const ns = sim.nsByLabel.get(nsLabel);
  if (cmd.kind === 'help') return CONSOLE_HELP;
  if (cmd.kind === 'error') return cmd.message;
  if (!ns) return `Cannot open network namespace "${nsLabel}": No such file or directory`;
  if (cmd.kind === 'ip') {
    if (cmd.object === 'addr') return cmd.brief ? ipAddrBrief(ns, cmd.dev) : ipAddr(ns, cmd.dev);
    if (cmd.object === 'link') return cmd.brief ? ipLinkBrief(ns, cmd.dev) : ipLink(ns, cmd.dev);
    if (cmd.object === 'route') return ipRoute(ns, cmd.dev);
    return ipNeigh(ns, cmd.dev);
  }
  if (cmd.kind === 'bridge-fdb') return bridgeFdb(sim, ns);
  if (cmd.kind === 'sysctl') return sysctlShow(ns, cmd.name);
  return '';
}

/** Starts a probe command; output goes to `sink`, its last chunk with `done`. */
export function startProbeCommand(sim: Sim, nsLabel: string, line: string, cmd: ConsoleCommand, sink: ProbeSink): void {
  const ns = sim.nsByLabel.get(nsLabel);
  if (cmd.kind === 'ping') {
    const probe: PingProbe = { kind: 'ping', ns: nsLabel, dst: cmd.dst, count: cmd.count, wait: cmd.wait ?? PING_LINGER_S, iface: cmd.iface, line };
    const before = new Set(ns?.icmpSockets ?? []);
    const start = sim.engine.now;
    const rtts: number[] = [];
    startPing(sim, probe, (r) => {
      const local = r.local_errors ?? [];
      if (local.length && !(r.received ?? 0)) {
        sink(local.map((m) => `ping: ${m}`).join('\n'), true, pingOutcome(r));
        return;
      }
      const elapsed = sim.engine.now - start;
      const transmitted = Math.min(cmd.count, Math.floor(elapsed / 5e8) + 1);
      sink(pingSummary(probe, r, transmitted, transmitted > 1 ? (transmitted - 1) * 5e8 : 0, rtts), true, pingOutcome(r));
    });
    const sock = [...(ns?.icmpSockets ?? [])].find((s) => !before.has(s));
    if (sock && ns) {
      // iputils connects its socket before printing the banner: a route error comes first, alone.
      const dst = parseIp(cmd.dst);
      const oif = cmd.iface ? ns.byName.get(cmd.iface) : undefined;
      const route = dst === undefined ? undefined : routeOutput(ns, dst, { oif });
      if (route?.kind !== 'error') sink(pingBanner(ns, probe), false);
      watchPingSocket(sim, sock, sink, rtts);
    }
    return;
  }
  if (cmd.kind === 'nc') {
    startConnect(sim, { kind: cmd.proto, ns: nsLabel, dst: cmd.dst, port: cmd.port, wait: cmd.wait, line }, (r) => {
      const text = r.ok
        ? `Connection to ${cmd.dst} ${cmd.port} port [${cmd.proto}/*] succeeded!`
        : (r.local_errors ?? []).map((m) => `nc: ${m}`).join('\n');
      sink(text, true, r.ok ? 'reply' : 'no-reply');
    });
    return;
  }
  if (cmd.kind === 'traceroute') {
    const probe: TracerouteProbe = { kind: 'traceroute', ns: nsLabel, dst: cmd.dst, max: cmd.max, wait: cmd.wait, icmp: cmd.icmp, line };
    startTraceroute(sim, probe, (r, rtts) => {
      const text = r.local_errors?.length && !r.hops?.length ? r.local_errors.join('\n') : tracerouteText(probe, r, rtts);
      sink(text, true, r.ok ? 'reply' : 'no-reply');
    });
    return;
  }
  if (cmd.kind === 'arping') {
    const probe: ArpingProbe = { kind: 'arping', ns: nsLabel, dev: cmd.dev, dst: cmd.dst, wait: 1, line };
    const dev = ns?.byName.get(cmd.dev);
    const start = sim.engine.now;
    if (dev && parseIp(cmd.dst) !== undefined) {
      sink(`ARPING ${cmd.dst} from ${dev.addrs[0] ? formatIp(dev.addrs[0].addr) : '0.0.0.0'} ${dev.name}`, false);
    }
    startArping(sim, probe, (r) => {
      if (r.local_errors?.length && !r.replies.length) {
        sink(r.local_errors.join('\n'), true);
        return;
      }
      const lines = r.replies.map((mac) => `Unicast reply from ${cmd.dst} [${mac.toUpperCase()}]  ${((sim.engine.now - start) / 1e6).toFixed(3)}ms`);
      lines.push('Sent 1 probes (1 broadcast(s))', `Received ${r.replies.length} response(s)`);
      sink(lines.join('\n'), true);
    });
  }
}
