/**
 * `vnetlab doctor`: which kernels and tools this machine has for verifying designs, and how
 * to install what is missing.
 */
import { doctorReport, formatDoctor } from '../../kernel/doctor';

export const name = 'doctor';
export const summary = 'which kernels, link types and tools this machine has, and how to install what is missing';
export const usage = `usage: vnetlab doctor [--vm] [--json]

  Shows the host kernel and the link types it can create (probed in a throw-away sandbox,
  root only), the VM kernel that verify --vm boots and its link types (from its last boot,
  else from its module tree), the tools verify and the tests use, and apt-get lines for
  what is missing. Nothing on this machine is changed.

  --vm     boot the VM now (about half a minute) and probe its link types
  --json   print the report as JSON`;

export async function run(args: string[]): Promise<number> {
  const bad = args.find((a) => a !== '--vm' && a !== '--json');
  if (bad) {
    console.error(`vnetlab doctor: unknown option ${bad}\n${usage}`);
    return 2;
  }
  const r = await doctorReport({ bootVm: args.includes('--vm') });
  console.log(args.includes('--json') ? JSON.stringify(r, null, 1) : formatDoctor(r).join('\n'));
  return 0;
}

export default { name, summary, usage, run };
