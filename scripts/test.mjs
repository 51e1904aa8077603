#!/usr/bin/env node
// The whole suite: system packages, types, lint, unit/golden tests, kernel tests (root) and
// browser tests. Kernel tests mostly wait on ping timeouts, so they run beside the others.
// Ends with one "N passed, N failed, N skipped" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CI = !!process.env.CI;
const isRoot = process.getuid?.() === 0;
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (phase) => only.length === 0 || only.includes(phase);
mkdirSync('test-results', { recursive: true });

// Children still running; stopped with the suite, so an interrupted run leaves nothing behind.
const running = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { for (const p of running) p.kill(sig); process.exit(130); });

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...opts.env } });
    running.add(p);
    p.on('exit', () => running.delete(p));
    let out = '';
    if (opts.quiet) { p.stdout.on('data', (d) => (out += d)); p.stderr.on('data', (d) => (out += d)); }
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.success || j.numFailedTests ? 0 : 1), skipped: j.numPendingTests + j.numTodoTests };
}
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
function account(name, code, counts) {
  if (counts) for (const k of Object.keys(totals)) totals[k] += counts[k];
  if (code !== 0) { failures.push(name); if (!counts || counts.failed === 0) totals.failed += 1; }
  else if (!counts) totals.passed += 1;
}

if (spawnSync('bash', ['scripts/system-deps.sh'], { stdio: 'inherit' }).status !== 0) {
  console.error('test: installing system packages failed'); process.exit(1);
}

let kernel = null;
if (want('kernel')) {
  if (!isRoot && CI) { console.error('test: kernel tests must run in CI, and they need root'); process.exit(1); }
  if (!isRoot) console.log('test: kernel tests SKIPPED: they need root (network namespaces); run `sudo npm test` to include them');
  else kernel = run('npx', ['vitest', 'run', '--config', 'vitest.kernel.config.ts', '--reporter=dot', '--reporter=json', '--outputFile=test-results/kernel.json'], { quiet: true });
}

if (want('types')) account('typecheck', (await run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])).code, null);
if (want('lint')) account('lint', (await run('npx', ['eslint', '.'])).code, null);
if (want('unit')) {
  const r = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
  account('unit', r.code, vitestCounts('test-results/unit.json'));
}
if (want('e2e')) {
  const r = await run('npx', ['playwright', 'test']);
  account('e2e', r.code, playwrightCounts('test-results/e2e.json'));
}
if (kernel) {
  const r = await kernel;
  process.stdout.write(r.out);
  account('kernel', r.code, vitestCounts('test-results/kernel.json'));
}
if (failures.length) console.log(`test: failed phases: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
