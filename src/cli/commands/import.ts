/** `vnetlab import MAIN.sh [LIB.sh …] [-o design.json] [-- ARGS…]`: a bash script to a design document. */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatDiagnostic } from '../../core/model/diagnostics';
import { serializeDesign } from '../../core/model/schema';
import { importSnapshot, looksLikeSnapshot } from '../../core/snapshot/index';
import { EXIT } from '../command';
import { readInput, report, takeOption } from '../input';

export const name = 'import';
export const summary = 'read a bash script (ip, bridge, sysctl, iptables) into a design (JSON)';
export const usage = `usage: vnetlab import MAIN.sh [LIB.sh …] [-o DESIGN.json] [-- ARG…]
       vnetlab import SNAPSHOT.json [-o DESIGN.json]

  Runs MAIN.sh as bash would, with a Linux kernel behind it, and writes the resulting design
  as JSON, to stdout or to DESIGN.json. LIB.sh … are companion files the script sources
  (\`. ./vars.sh\`, \`source lib.sh\`); ARG… are its positional parameters ($1 $2 …).
  The script's own pings run in the simulator at their line (so \`set -e\` stops where the
  kernel would) and are saved as tests of the design.
  A snapshot (\`vnetlab snapshot\`, or the dump of the one-line collector) becomes the design
  of the machine it was taken on; what the design cannot hold is a warning naming the
  namespace, device and field.
  Problems go to stderr as "file:line: level: message".
  Exit status: 0 (even with diagnostics), 1 if a file cannot be read, 2 for usage errors.`;

export async function run(args: string[]): Promise<number> {
  const dashes = args.indexOf('--');
  const scriptArgs = dashes < 0 ? [] : args.slice(dashes + 1);
  const o = takeOption(dashes < 0 ? args : args.slice(0, dashes), ['-o', '--output']);
  const files = o.rest;
  if (o.error || files.length < 1 || files.some((f) => f.startsWith('-') && f !== '-')) {
    process.stderr.write(`${o.error ? `vnetlab import: ${o.error}\n` : ''}${usage}\n`);
    return EXIT.usage;
  }
  const snap = snapshotInput(files[0]);
  if (snap !== undefined) {
    const r = importSnapshot(snap, files[0]);
    for (const d of r.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!r.design) return EXIT.unreadable;
    const out = serializeDesign(r.design);
    if (o.value) writeFileSync(o.value, out);
    else process.stdout.write(out);
    return EXIT.ok;
  }
  const input = readInput(files[0], { companions: files.slice(1), args: scriptArgs, simulateProbes: true });
  report(input.diagnostics);
  const unreadable = input.diagnostics.some((d) => d.level === 'error' && d.file !== undefined && files.slice(1).includes(d.file) && d.message.startsWith('cannot read'));
  if (!input.design || unreadable) return EXIT.unreadable;
  const json = serializeDesign(input.design);
  if (o.value) writeFileSync(o.value, json);
  else process.stdout.write(json);
  return EXIT.ok;
}

/** The file's text when it is a snapshot (JSON with the snapshot format, or a collector dump). */
function snapshotInput(file: string): string | undefined {
  if (file === '-' || file.endsWith('.sh')) return undefined;
  try {
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    return looksLikeSnapshot(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
