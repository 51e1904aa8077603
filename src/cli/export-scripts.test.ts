import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Checks many scripts with one shellcheck process (one process per script took most of the
 * test's time, and a loaded machine pushed it past any fixed budget). Returns the findings
 * per script label; a script without findings is absent. shellcheck's gcc format starts each
 * finding with the file it is in, which maps it back to its script.
 */
function shellcheckAll(scripts: { label: string; text: string }[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'vnetlab-shellcheck-'));
  try {
    const files = scripts.map((s, i) => {
      const file = join(dir, `s${i}.sh`);
      writeFileSync(file, s.text);
      return file;
    });
    const r = spawnSync(SHELLCHECK, ['-s', 'bash', '-f', 'gcc', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    const found = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const i = files.findIndex((f) => line.startsWith(`${f}:`));
      if (i < 0) continue;
      const { label, text } = scripts[i];
      found.set(label, `${found.get(label) ?? `${label}\n${text}\n`}${line.slice(files[i].length)}\n`);
    }
    // Exit status 1 means findings; anything else (or findings we could not place) is a failure.
    if (r.status !== 0 && found.size === 0) found.set('shellcheck', `exit ${r.status}: ${r.stdout}${r.stderr}`);
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

  const MODES = ['setup', 'teardown', 'sandbox'] as const;

  it.skipIf(!haveShellcheck)('passes shellcheck in every mode, hostile names included', () => {
    const scripts = [macvlanBridgeDesign(), hostileNamesDesign()].flatMap((d, k) =>
      MODES.flatMap((mode) => exportScripts(d, { mode }).map((s, i) => ({ label: `design ${k} ${mode} #${i}`, text: s.text }))));
    expect([...shellcheckAll(scripts).values()].join('\n')).toBe('');
  });

  const fixtures = ['fixtures/conformance', 'fixtures/conformance-debian-6.1']
    .flatMap((root) => (existsSync(root) ? readdirSync(root).sort().map((c) => join(root, c, 'topology.sh')) : []))
    .filter((f) => existsSync(f));

  it.skipIf(!haveShellcheck)('passes shellcheck for every conformance case, in every mode', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45);
    const scripts = fixtures.flatMap((f) => {
      const { design } = importScript(readFileSync(f, 'utf8'), { file: f });
      return MODES.flatMap((mode) => exportScripts(design, { mode }).map((s, i) => ({ label: `${f} ${mode} #${i}`, text: s.text })));
    });
    expect(scripts.length).toBeGreaterThanOrEqual(fixtures.length * MODES.length);
    expect([...shellcheckAll(scripts).values()].join('\n')).toBe('');
  });
});
