/**
 * `vnetlab`: the command-line entry point. Subcommands live in `commands/<name>.ts` and are
 * loaded only when used, so a command that is missing or broken never stops the others.
 */
import type { Command } from './command';

/** The subcommands, in the order `--help` lists them. */
export const COMMANDS = ['import', 'export', 'validate', 'simulate', 'verify'] as const;

type Loaded = { ok: true; command: Command } | { ok: false; why: string };

/** Loads a subcommand module; accepts named exports or a default/`command` object. */
export async function loadCommand(name: string): Promise<Loaded> {
  const url = new URL(`./commands/${name}.ts`, import.meta.url).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const missing = err.code === 'ERR_MODULE_NOT_FOUND' && err.message.includes(`commands/${name}.ts`);
    return { ok: false, why: missing ? 'not available yet' : `cannot be loaded: ${err.message.split('\n')[0]}` };
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
  if (!(COMMANDS as readonly string[]).includes(name)) {
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

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      process.stderr.write(`vnetlab: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
