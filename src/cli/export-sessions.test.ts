/**
 * Scripts of designs made by editing sessions (names as people type them) pass shellcheck in
 * every mode: setup, teardown and the sandbox wrapper.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editCase } from '../core/fuzz/edit-case';
import { sampleSessions } from '../core/fuzz/edit-session';
import { exportScripts } from '../core/iproute2/export/index';

const SHELLCHECK = '/usr/bin/shellcheck';
const haveShellcheck = existsSync(SHELLCHECK);

describe('exported scripts of editing sessions', () => {
  it.skipIf(!haveShellcheck)('pass shellcheck in every mode', () => {
    const designs = sampleSessions(10_500, 60).map((s) => editCase(s)).filter((c) => c.script).map((c) => c.design);
    expect(designs.length).toBeGreaterThan(30);
    for (const mode of ['setup', 'teardown', 'sandbox'] as const) {
      for (const d of designs) {
        const [s] = exportScripts(d, { mode });
        const r = spawnSync(SHELLCHECK, ['-s', 'bash', '-'], { input: s.text, encoding: 'utf8' });
        expect(r.stdout, `${mode}\n${s.text}`).toBe('');
      }
    }
  }, 120_000);
});
