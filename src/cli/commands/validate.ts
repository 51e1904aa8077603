/** `vnetlab validate FILE.json|FILE.sh`: kernel-rule errors and classic-pitfall warnings. */
import { validateDesign } from '../../core/model/validate';
import { EXIT } from '../command';
import { readInput, report } from '../input';

export const name = 'validate';
export const summary = 'check a design or script against the kernel\'s rules and the classic pitfalls';
export const usage = `usage: vnetlab validate FILE.json|FILE.sh

  Prints every problem as "file:line: level: message" on stderr: errors where the kernel
  would refuse the design, warnings where it accepts it but it will not do what people expect.
  Exit status: 0 (even with diagnostics), 1 if the file cannot be read, 2 for usage errors.`;

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || (args[0].startsWith('-') && args[0] !== '-')) {
    process.stderr.write(`${usage}\n`);
    return EXIT.usage;
  }
  const input = readInput(args[0]);
  report(input.diagnostics);
  if (!input.design) return EXIT.unreadable;
  const found = validateDesign(input.design).map(input.locate);
  report(found);
  const errors = [...input.diagnostics, ...found].filter((d) => d.level === 'error').length;
  const warnings = [...input.diagnostics, ...found].filter((d) => d.level === 'warning').length;
  process.stderr.write(`${input.file}: ${errors} error(s), ${warnings} warning(s)\n`);
  return EXIT.ok;
}
