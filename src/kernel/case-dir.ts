/**
 * Conformance case folders (docs/conformance-format.md): topology.sh + probes.txt, and the
 * kernel's expected.json when measured.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Observation } from '../core/observation/types';
import type { KernelCase } from './run-case';

export interface CaseDir extends KernelCase {
  dir: string;
  expected: Observation | null;
}

/** Reads one case folder. */
export function readCaseDir(dir: string): CaseDir {
  const abs = resolve(dir);
  const exp = join(abs, 'expected.json');
  return {
    dir: abs,
    name: basename(abs),
    script: readFileSync(join(abs, 'topology.sh'), 'utf8'),
    probes: readFileSync(join(abs, 'probes.txt'), 'utf8'),
    cwd: abs,
    scriptFile: join(abs, 'topology.sh'),
    probesFile: join(abs, 'probes.txt'),
    expected: existsSync(exp) ? (JSON.parse(readFileSync(exp, 'utf8')) as Observation) : null,
  };
}

/** The case folders directly under `root` (those holding a topology.sh), sorted by name. */
export function listCaseDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((n) => join(root, n))
    .filter((p) => statSync(p).isDirectory() && existsSync(join(p, 'topology.sh')))
    .sort();
}
