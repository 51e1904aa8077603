/**
 * The sandbox program must refuse to do anything outside a private network namespace.
 * Run here in a private mount namespace only (`unshare --mount`), sharing the machine's
 * network namespace, with an empty plan so that nothing could change even if it went on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverScript } from './driver-script';
import { isRoot, rootNamespaceIds } from './sandbox';

const suite = isRoot() ? describe : describe.skip;

suite('sandbox guard', () => {
  it('refuses to run in the machine network namespace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vnetlab-guard-'));
    try {
      writeFileSync(join(dir, 'topology.sh'), '');
      const program = driverScript({ worldCommands: [], scriptPath: join(dir, 'topology.sh'), scriptCwd: dir, probes: [], captures: [], outDir: dir });
      const ids = rootNamespaceIds();
      const r = spawnSync('timeout', ['20', 'unshare', '--mount', '--propagation', 'private', '--', 'bash', '-c', program], {
        env: { ...process.env, VNETLAB_ROOT_NETNS: ids.net, VNETLAB_ROOT_MNTNS: ids.mnt },
        encoding: 'utf8',
      });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('refusing to run: still in the root network namespace');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to run without the caller namespace ids', () => {
    const program = driverScript({ worldCommands: [], scriptPath: '/nonexistent', scriptCwd: '/', probes: [], captures: [], outDir: '/nonexistent' });
    const env = { ...process.env };
    delete env.VNETLAB_ROOT_NETNS;
    delete env.VNETLAB_ROOT_MNTNS;
    const r = spawnSync('timeout', ['20', 'unshare', '--mount', '--propagation', 'private', '--', 'bash', '-c', program], { env, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('root namespace ids not given');
  });
});
