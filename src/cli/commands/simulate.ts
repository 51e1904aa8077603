/**
 * `vnetlab simulate FILE.sh|FILE.json --probes probes.txt [--json] [--seed N]`: runs the probes
 * on the simulator, timed like the conformance harness, and prints either the observation in
 * the `expected.json` shape (`--json`, diffable with a kernel measurement) or a readable report
 * with captures in `tcpdump -e -n` style.
 */
import { readFileSync } from 'node:fs';
import { formatTcpdump } from '../../core/capture/tcpdump';
import { isIpv6 } from '../../core/capture/describe';
import type { Diagnostic } from '../../core/model/diagnostics';
import type { Observation } from '../../core/observation/types';
import { simulate } from '../../core/sim/simulate';
import type { Trace } from '../../core/sim/engine/trace';
import { parseProbes } from '../../core/world/probes';
import { EXIT } from '../command';
import { readInput, report, takeOption } from '../input';

export const name = 'simulate';
export const summary = 'run probes (ping, arping, capture) on the simulator and report what Linux would do';
export const usage = `usage: vnetlab simulate FILE.sh|FILE.json --probes PROBES.txt [--json] [--seed N]

  PROBES.txt holds one check per line (# starts a comment):
    ping NS ADDRESS [count=N] [wait=SECONDS] [iface=DEV] [src=ADDRESS]
    arping NS DEV ADDRESS [wait=SECONDS]
    capture NS DEV
  NS is "host", a namespace of the design, or an external host. Probes run in file order and
  state carries over, on virtual time that matches the kernel's (ping -c1 -W3.5).

  --json   print the observation in the conformance expected.json shape
  --seed N seed for generated MACs (default 1); results do not depend on it`;

export async function run(args: string[]): Promise<number> {
  const probesOpt = takeOption(args, ['--probes', '-p']);
  const seedOpt = takeOption(probesOpt.rest, ['--seed']);
  const json = seedOpt.rest.includes('--json');
  const files = seedOpt.rest.filter((a) => a !== '--json');
  const optError = probesOpt.error ?? seedOpt.error;
  const seed = seedOpt.value === undefined ? 1 : Number(seedOpt.value);
  if (optError || files.length !== 1 || !probesOpt.value || !Number.isInteger(seed) || files[0].startsWith('--')) {
    process.stderr.write(`${optError ? `${optError}\n` : ''}${usage}\n`);
    return EXIT.usage;
  }
  const input = readInput(files[0]);
  report(input.diagnostics);
  if (!input.design) return EXIT.unreadable;

  let probeText: string;
  try {
    probeText = readFileSync(probesOpt.value, 'utf8');
  } catch (e) {
    process.stderr.write(`${probesOpt.value}: error: cannot read: ${(e as Error).message}\n`);
    return EXIT.unreadable;
  }
  const { probes, diagnostics } = parseProbes(probeText, probesOpt.value);
  report(diagnostics);

  const { observation, trace } = simulate(input.design, probes, { seed });
  if (input.kind === 'script') observation.setup = setupFromDiagnostics(readFileSync(files[0] === '-' ? 0 : files[0], 'utf8'), input.diagnostics);
  process.stdout.write(json ? `${JSON.stringify(observation, null, 1)}\n` : readable(observation, trace));
  return EXIT.ok;
}

/**
 * The script's failed commands as the harness records them. iproute2 exits 2 when the kernel
 * refuses a request (RTNETLINK answers / Error:) and 1 when it stops before asking
 * (unknown device or argument).
 */
function setupFromDiagnostics(text: string, diagnostics: Diagnostic[]): Observation['setup'] {
  const lines = text.split(/\r?\n/);
  const errors = diagnostics.filter((d) => d.level === 'error' && d.line !== undefined);
  const byLine = new Map<number, Diagnostic>();
  for (const d of errors) if (!byLine.has(d.line!)) byLine.set(d.line!, d);
  const failed = [...byLine.values()].sort((a, b) => a.line! - b.line!).map((d) => ({
    line: d.line!,
    rc: /^(RTNETLINK answers|Error:)/.test(d.message) ? 2 : 1,
    cmd: (lines[d.line! - 1] ?? '').trim(),
  }));
  return { exit: 0, failed, stderr: [...byLine.values()].map((d) => d.message) };
}

function readable(obs: Observation, trace: Trace): string {
  const out: string[] = [];
  if (obs.setup.failed.length) {
    out.push('Setup: commands the kernel would refuse');
    for (const f of obs.setup.failed) out.push(`  line ${f.line}: ${f.cmd}`);
    out.push('');
  }
  out.push('Probes');
  obs.probes.forEach((p, i) => {
    const verdict = p.ok ? `ok (reply from ${(p.reply_from ?? p.replies ?? []).join(', ')})` : `FAILED: ${p.error}${p.error_from ? ` from ${p.error_from}` : ''}`;
    out.push(`  [${i}] ${p.probe}: ${verdict}`);
    for (const e of p.icmp_errors ?? []) out.push(`        From ${e.from} ${e.msg}`);
    for (const e of p.local_errors ?? []) out.push(`        ${e}`);
  });
  for (const key of Object.keys(obs.captures)) {
    out.push('', `Capture ${key} (tcpdump -e -n)`);
    const cap = obs.captures[key];
    if ('error' in cap) { out.push(`  ${cap.error}`); continue; }
    const [ns, dev] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)];
    for (const ev of trace.events) {
      if ((ev.kind === 'frame-tx' || ev.kind === 'frame-rx') && ev.at.ns === ns && ev.at.dev === dev && !isIpv6(ev.frame)) {
        out.push(`  ${formatTcpdump(ev.frame, ev.t, { time: 'epoch' })}`);
      }
    }
  }
  const drops = trace.events.filter((e) => e.kind === 'drop');
  if (drops.length) {
    out.push('', 'Why frames were dropped (first of each kind per interface)');
    const seen = new Set<string>();
    for (const d of drops) {
      if (d.kind !== 'drop') continue;
      const k = `${d.at.ns}:${d.at.dev}:${d.reason}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(`  ${d.at.ns}:${d.at.dev}: ${d.why}`);
    }
  }
  for (const ns of Object.keys(obs.neigh)) {
    if (!obs.neigh[ns].length) continue;
    out.push('', `Neighbours of ${ns}`);
    for (const e of obs.neigh[ns]) out.push(`  ${e.ip} dev ${e.dev}${e.lladdr ? ` lladdr ${e.lladdr}` : ''} ${e.state}`);
  }
  return `${out.join('\n')}\n`;
}
