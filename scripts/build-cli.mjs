#!/usr/bin/env node
// Builds the `vnetlab` command line ahead of time: src/cli/main.ts and everything it imports
// into one ES module, dist-cli/vnetlab.mjs, run by bin/vnetlab.mjs in the same Node process
// (no TypeScript compiler at run time). Also writes dist-cli/inputs.json, the project files
// the bundle was made from, so bin/vnetlab.mjs can tell when it is stale and build it again.
//
// Runs on `npm ci` / `npm install` (the `prepare` script) and on first use when the bundle is
// missing or older than one of its inputs (a fresh clone installed with --ignore-scripts, or
// an edited source file). Writes go to a temporary name and are renamed into place, so
// several processes building at once never leave a half-written bundle.
import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'dist-cli');
export const BUNDLE = join(OUT_DIR, 'vnetlab.mjs');
export const INPUTS = join(OUT_DIR, 'inputs.json');

/** Builds the bundle; resolves to the list of project files it was made from. */
export async function buildCli() {
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  // The bundle is dated when the build started: a file edited during the build is newer.
  const started = new Date();
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'bundle',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Bundled CommonJS dependencies may call require(); give the ES module one.
    banner: { js: "import { createRequire as __vnetlabRequire } from 'node:module'; const require = __vnetlabRequire(import.meta.url);" },
  });
  // What the bundle depends on: project sources, and the lock file for the dependencies.
  const inputs = [...Object.keys(r.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), 'package-lock.json', 'scripts/build-cli.mjs'];
  utimesSync(tmp, started, started);
  renameSync(tmp, BUNDLE);
  const tmpInputs = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmpInputs, `${JSON.stringify(inputs.map((f) => relative(ROOT, join(ROOT, f))))}\n`);
  renameSync(tmpInputs, INPUTS);
  return inputs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const inputs = await buildCli();
  console.log(`build-cli: ${relative(process.cwd(), BUNDLE)} from ${inputs.length} files`);
}
