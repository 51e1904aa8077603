/**
 * A saved test run where the class can see it: the simulation starts over from the design (a
 * fresh start, as the test's verdict is computed) and the test's probe is typed in its
 * namespace's console, so its frames move along the wires and a drop shows its mark and
 * bubble on the canvas, as for a ping typed by hand.
 */
import type { SavedTest } from '../../../core/model/types';
import { parseProbes, PING_WAIT_SECONDS, type Probe } from '../../../core/world/probes';
import { runCommand, simControls } from '../../sim/controller';
import { useSimStore } from '../../sim/sim-store';

/** The console line (iputils options) that sends `probe`. */
export function consoleLine(probe: Probe): string {
  if (probe.kind === 'arping') return `arping -c 1 -I ${probe.dev} ${probe.dst}`;
  if (probe.kind === 'traceroute') {
    return `traceroute -n${probe.icmp ? ' -I' : ''} -m ${probe.max} -w ${probe.wait} ${probe.dst}`;
  }
  if (probe.kind !== 'ping') {
    return `nc -z${probe.kind === 'udp' ? ' -u' : ''} -w ${probe.wait} ${probe.dst} ${probe.port}`;
  }
  const opts = [`-c ${probe.count}`];
  if (probe.wait !== PING_WAIT_SECONDS) opts.push(`-W ${probe.wait}`);
  const from = probe.iface ?? probe.src;
  if (from) opts.push(`-I ${from}`);
  return `ping ${opts.join(' ')} ${probe.dst}`;
}

/** Plays `test` on the canvas; false when its line is not a probe the console can send. */
export function showOnCanvas(test: SavedTest): boolean {
  const probe = parseProbes(test.probe, 'test').probes.probes[0];
  if (!probe) return false;
  simControls.reset();
  useSimStore.setState({ consoleNs: probe.ns });
  runCommand(probe.ns, consoleLine(probe));
  return true;
}
