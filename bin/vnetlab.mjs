#!/usr/bin/env node
// Runs the command line from its ahead-of-time bundle (dist-cli/vnetlab.mjs), in this process.
// The bundle is built on `npm ci` (the `prepare` script); if it is missing, or older than one
// of the files it was made from (an edited source, a new lock file), it is built again here
// first, so `npx vnetlab` always runs the code in the working tree.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist-cli', 'vnetlab.mjs');
const inputs = join(root, 'dist-cli', 'inputs.json');

function stale() {
  if (!existsSync(bundle) || !existsSync(inputs)) return true;
  const built = statSync(bundle).mtimeMs;
  try {
    for (const f of JSON.parse(readFileSync(inputs, 'utf8'))) {
      const s = statSync(join(root, f), { throwIfNoEntry: false });
      if (!s || s.mtimeMs > built) return true;
    }
  } catch {
    return true;
  }
  return false;
}

if (stale()) {
  const { buildCli } = await import(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href);
  await buildCli();
}
const { runFromProcess } = await import(pathToFileURL(bundle).href);
runFromProcess();
