/**
 * `vnetlab`: the command-line entry point. Subcommands live in `commands/<name>.ts` and are
 * loaded only when used, so a command that is broken never stops the others.
 */
import type { Command } from './command';

/**
 * The subcommands, in the order `--help` lists them. Each is a literal `import()` so the
 * ahead-of-time bundle (`scripts/build-cli.mjs`) contains them all, and each is still only
 * evaluated when used.
 */
const MODULES = {
  import: () => import('./commands/import'),
  export: () => import('./commands/export'),
  validate: () => import('./commands/validate'),
  simulate: () => import('./commands/simulate'),
  verify: () => import('./commands/verify'),
  doctor: () => import('./commands/doctor'),
  snapshot: () => import('./commands/snapshot'),
} as const satisfies Record<string, () => Promise<unknown>>;
export const COMMANDS = Object.keys(MODULES) as (keyof typeof MODULES)[];

type Loaded = { ok: true; command: Command } | { ok: false; why: string };

/** Loads a subcommand module; accepts named exports or a default/`command` object. */
export async function loadCommand(name: string): Promise<Loaded> {
  const load = (MODULES as Record<string, () => Promise<unknown>>)[name];
  if (!load) return { ok: false, why: 'not available' };
  let mod: Record<string, unknown>;
  try {
    mod = (await load()) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, why: `cannot be loaded: ${(e as Error).message.split('\n')[0]}` };
  }
  const c = (mod.default ?? mod.command ?? mod) as Partial<Command>;
  if (typeof c.run !== 'function') return { ok: false, why: 'not available yet (the module has no run function)' };
  return { ok: true, command: { name, summary: c.summary ?? '', usage: c.usage ?? `usage: vnetlab ${name} ...`, run: c.run.bind(c) } };
}

async function help(): Promise<string> {
  const rows = await Promise.all(COMMANDS.map(async (n) => {
    const c = await loadCommand(n);
    return `  ${n.padEnd(10)} ${c.ok ? c.command.summary : `(${c.why})`}`;
  }));
  return ['usage: vnetlab COMMAND [ARGS...]', '', 'Commands:', ...rows, '', 'Run "vnetlab COMMAND --help" for the options of one command.'].join('\n');
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const text = await help();
    if (name === undefined) {
      process.stderr.write(`${text}\n`);
      return 2;
    }
    process.stdout.write(`${text}\n`);
    return 0;
  }
  if (!(COMMANDS as string[]).includes(name)) {
    process.stderr.write(`vnetlab: unknown command "${name}"\n${await help()}\n`);
    return 2;
  }
  const loaded = await loadCommand(name);
  if (!loaded.ok) {
    process.stderr.write(`vnetlab ${name}: ${loaded.why}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${loaded.command.usage}\n`);
    return 0;
  }
  return loaded.command.run(args);
}

/** Runs `main` on this process's arguments and sets its exit status (the bundle's entry). */
export function runFromProcess(): void {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stderr.write(`vnetlab: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) runFromProcess();
