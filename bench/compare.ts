/**
 * `--compare REV`: an earlier commit's simulator, checked out with `git worktree add` into a
 * temporary folder (sharing this checkout's node_modules), driven by today's bench code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Checkout {
  dir: string;
  commit: string;
  remove(): void;
}

export function checkout(rev: string): Checkout {
  const here = resolve('.');
  const commit = execFileSync('git', ['rev-parse', '--short', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = join(mkdtempSync(join(tmpdir(), 'vnetlab-bench-')), 'tree');
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, commit], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    commit,
    remove() {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', dir], { stdio: 'ignore' });
      } finally {
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    },
  };
}
