/** `vnetlab import FILE.sh [-o design.json]`: a bash script to a design document. */
import { writeFileSync } from 'node:fs';
import { serializeDesign } from '../../core/model/schema';
import { EXIT } from '../command';
import { readInput, report, takeOption } from '../input';

export const name = 'import';
export const summary = 'read a bash script (ip, bridge, sysctl, iptables) into a design (JSON)';
export const usage = `usage: vnetlab import FILE.sh [-o DESIGN.json]

  Replays the script as a shell with a Linux kernel behind it and writes the resulting design
  as JSON, to stdout or to DESIGN.json. Problems go to stderr as "file:line: level: message".
  Exit status: 0 (even with diagnostics), 1 if the file cannot be read, 2 for usage errors.`;

export async function run(args: string[]): Promise<number> {
  const o = takeOption(args, ['-o', '--output']);
  if (o.error || o.rest.length !== 1 || o.rest[0].startsWith('-') && o.rest[0] !== '-') {
    process.stderr.write(`${o.error ? `vnetlab import: ${o.error}\n` : ''}${usage}\n`);
    return EXIT.usage;
  }
  const input = readInput(o.rest[0]);
  report(input.diagnostics);
  if (!input.design) return EXIT.unreadable;
  const json = serializeDesign(input.design);
  if (o.value) writeFileSync(o.value, json);
  else process.stdout.write(json);
  return EXIT.ok;
}
