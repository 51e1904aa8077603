/** `vnetlab export FILE.json|FILE.sh [--teardown|--sandbox] [-o DIR]`: runnable bash scripts. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDesign, type ExportMode } from '../../core/iproute2/export/index';
import { EXIT } from '../command';
import { readInput, report, takeOption } from '../input';

export const name = 'export';
export const summary = 'write the bash script(s) that build a design (setup, teardown or sandbox)';
export const usage = `usage: vnetlab export FILE.json|FILE.sh [--teardown | --sandbox] [-o DIR]

  Writes one bash script per designed machine: to stdout when there is one machine and no
  -o, otherwise as files in DIR (default: the current directory).
    (default)    setup: build the design on this machine (run as root)
    --teardown   undo it, tolerating what is already gone
    --sandbox    build the world and the design in throw-away namespaces, then run the
                 given command or a shell inside (run as root; nothing on the machine changes)
  Exit status: 0, 1 if the input cannot be read or exported, 2 for usage errors.`;

export async function run(args: string[]): Promise<number> {
  const o = takeOption(args, ['-o', '--output']);
  let mode: ExportMode = 'setup';
  const files: string[] = [];
  for (const a of o.rest) {
    if (a === '--teardown' || a === '--sandbox') {
      const m = a === '--teardown' ? 'teardown' : 'sandbox';
      if (mode !== 'setup' && mode !== m) return usageError('--teardown and --sandbox exclude each other');
      mode = m;
    } else if (a.startsWith('-') && a !== '-') return usageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (o.error) return usageError(o.error);
  if (files.length !== 1) return usageError('give exactly one input file');
  const input = readInput(files[0]);
  report(input.diagnostics);
  if (!input.design) return EXIT.unreadable;
  const r = exportDesign(input.design, { mode });
  report(r.diagnostics.map(input.locate));
  if (r.scripts.length === 0) {
    process.stderr.write(`${input.file}: nothing exported\n`);
    return EXIT.unreadable;
  }
  if (r.scripts.length === 1 && o.value === undefined) {
    process.stdout.write(r.scripts[0].text);
    return EXIT.ok;
  }
  const dir = o.value ?? '.';
  mkdirSync(dir, { recursive: true });
  for (const s of r.scripts) {
    const path = join(dir, s.fileName);
    writeFileSync(path, s.text);
    chmodSync(path, 0o755);
    process.stderr.write(`wrote ${path}\n`);
  }
  return EXIT.ok;
}

function usageError(why: string): number {
  process.stderr.write(`vnetlab export: ${why}\n${usage}\n`);
  return EXIT.usage;
}
