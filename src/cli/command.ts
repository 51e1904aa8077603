/** The shape of a `vnetlab` subcommand module (`src/cli/commands/<name>.ts`). */
export interface Command {
  name: string;
  /** One line for `vnetlab --help`. */
  summary: string;
  /** The full usage text for `vnetlab NAME --help`. */
  usage: string;
  /** Runs the command; resolves to the exit status. */
  run(args: string[]): Promise<number>;
}

/** Exit statuses shared by the commands. */
export const EXIT = { ok: 0, unreadable: 1, usage: 2 } as const;
