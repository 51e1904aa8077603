import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportScripts } from '../core/iproute2/export/index';
import { importScript } from '../core/iproute2/import/index';
import { hostileNamesDesign, macvlanBridgeDesign } from '../core/iproute2/export/test-designs';

// Checks of exported scripts that need Node or outside tools: golden files (UPDATE_GOLDEN=1
// rewrites them) and shellcheck.
const GOLDEN_DIR = fileURLToPath(new URL('../core/iproute2/export/__golden__/', import.meta.url));
const SHELLCHECK = '/usr/bin/shellcheck';
const haveShellcheck = existsSync(SHELLCHECK);
if (!haveShellcheck) console.warn(`shellcheck tests skipped: ${SHELLCHECK} is not installed`);

function shellcheck(text: string): string {
  const r = spawnSync(SHELLCHECK, ['-s', 'bash', '-'], { input: text, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stdout + r.stderr;
}

function golden(name: string, text: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('exported scripts', () => {
  it('exports the field notes macvlan bridge design as the golden script', () => {
    const [s] = exportScripts(macvlanBridgeDesign(), { mode: 'setup' });
    golden('macvlan-bridge.sh', s.text);
  });

  it('exports the same design as golden teardown and sandbox scripts', () => {
    golden('macvlan-bridge-teardown.sh', exportScripts(macvlanBridgeDesign(), { mode: 'teardown' })[0].text);
    golden('macvlan-bridge-sandbox.sh', exportScripts(macvlanBridgeDesign(), { mode: 'sandbox' })[0].text);
  });

  it.skipIf(!haveShellcheck)('passes shellcheck in every mode, hostile names included', () => {
    for (const d of [macvlanBridgeDesign(), hostileNamesDesign()]) {
      for (const mode of ['setup', 'teardown', 'sandbox'] as const) {
        for (const s of exportScripts(d, { mode })) expect(shellcheck(s.text), `${mode}\n${s.text}`).toBe('');
      }
    }
  });

  const fixtures = ['fixtures/conformance', 'fixtures/conformance-debian-6.1']
    .flatMap((root) => (existsSync(root) ? readdirSync(root).sort().map((c) => join(root, c, 'topology.sh')) : []))
    .filter((f) => existsSync(f));

  it.skipIf(!haveShellcheck)('passes shellcheck for every conformance case, in every mode', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    for (const f of fixtures) {
      const { design } = importScript(readFileSync(f, 'utf8'), { file: f });
      for (const mode of ['setup', 'teardown', 'sandbox'] as const) {
        for (const s of exportScripts(design, { mode })) expect(shellcheck(s.text), `${f} ${mode}\n${s.text}`).toBe('');
      }
    }
    // ~240 shellcheck runs: about 30 s on a quiet 2-core machine, so a generous bound
  }, 240_000);
});
