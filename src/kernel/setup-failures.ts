/**
 * The lines of a design script that failed on the kernel, each with the script's own text of
 * the line and the kernel's message. The sandbox logs the line number and exit status of
 * every failed command (driver-script.ts); the messages are what the script wrote on stderr.
 * An exported script runs under `set -e`, so it stops at its first failure and the whole of
 * stderr is that line's message.
 */
import type { Observation } from '../core/observation/types';

export interface SetupFailure {
  line: number;
  rc: number;
  /** `LINE: COMMAND: MESSAGE`, for people. */
  text: string;
}

/** Every failed line of `script` in `kernel`'s run, in the order they failed. */
export function setupFailures(kernel: Observation, script: string): SetupFailure[] {
  const lines = script.split('\n');
  const message = kernel.setup.stderr.join(' / ').trim();
  // with several failures the messages cannot be told apart; each gets the whole stderr
  const why = (rc: number) => message || `exit status ${rc}`;
  const out = kernel.setup.failed.map((f) => {
    const src = (lines[f.line - 1] ?? f.cmd).trim();
    return { line: f.line, rc: f.rc, text: `line ${f.line}: ${src}: ${why(f.rc)}` };
  });
  if (!out.length && kernel.setup.exit !== 0) out.push({ line: 0, rc: kernel.setup.exit, text: `the script exited with status ${kernel.setup.exit}: ${why(kernel.setup.exit)}` });
  return out;
}
