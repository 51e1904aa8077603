/**
 * Scripts as people publish them against the kernel: every case of
 * fixtures/scripts-in-the-wild is imported with its companion files and arguments, simulated
 * with its probes and diffed with its kernel-measured expected.json, exactly as the
 * conformance cases are (`runCase`). Cases listed in scripts-in-the-wild-known.json disagree
 * today for the reason given there; any other disagreement fails, and so does a listed case
 * that has started to agree (take it off the list).
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types';
import { importScript } from '../iproute2/import/index';
import { runCase, type CaseInput } from './conformance-cases';
import { simulatedProbeOutcome } from '../script-sim/outcome';
import { FAST_HARNESS } from '../sim/simulate';
import known from './scripts-in-the-wild-known.json';

const files = import.meta.glob('../../../fixtures/scripts-in-the-wild/*/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Files of a case folder that are not the script's companions. */
const CASE_FILES = new Set(['script.sh', 'probes.txt', 'expected.json', 'args.txt', 'pasted', 'README.md']);

/** The case folders, each read as the importer gets it: main script, companions, arguments. */
function wildCases(): CaseInput[] {
  const byDir = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    const dir = parts[parts.length - 2];
    if (!byDir.has(dir)) byDir.set(dir, {});
    byDir.get(dir)![parts[parts.length - 1]] = text;
  }
  return [...byDir.keys()].sort().filter((d) => byDir.get(d)!['script.sh'] !== undefined).map((dir) => {
    const f = byDir.get(dir)!;
    const companions = Object.fromEntries(Object.entries(f).filter(([n]) => !CASE_FILES.has(n)));
    // args.txt: one line, arguments separated by blanks (the measurement passes $(cat args.txt))
    const args = f['args.txt'] === undefined ? [] : f['args.txt'].split(/\s+/).filter(Boolean);
    return {
      name: dir,
      file: 'script.sh',
      topology: f['script.sh'],
      probes: f['probes.txt'] ?? '',
      expected: (f['expected.json'] ? JSON.parse(f['expected.json']) : undefined) as Observation,
      files: companions,
      args,
    };
  });
}

describe('scripts in the wild: importer + simulator vs kernel', () => {
  const all = wildCases();
  const knownDisagreements = known as Record<string, string>;
  const outcomes = all.filter((c) => c.expected).map((c) => runCase(c, 1, FAST_HARNESS));
  const agreeing = new Set(outcomes.filter((o) => o.diffs.length === 0).map((o) => o.name));

  it('has at least 40 scripts, each kernel-measured', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.filter((c) => !c.expected).map((c) => c.name)).toEqual([]);
  });

  it('disagrees with the kernel only on the known cases', () => {
    for (const o of outcomes) {
      if (o.diffs.length === 0) continue;
      const lines = o.diffs.slice(0, 4).map((d) => `  ${d.path}\n    expected: ${JSON.stringify(d.expected)}\n    observed: ${JSON.stringify(d.observed)}`);
      console.log(`DIFF ${o.name} (${o.diffs.length} items)${knownDisagreements[o.name] ? ` [known: ${knownDisagreements[o.name]}]` : ''}\n${lines.join('\n')}`);
    }
    console.log(`${agreeing.size}/${all.length} scripts agree`);
    const unexpected = outcomes.filter((o) => o.diffs.length > 0 && !(o.name in knownDisagreements)).map((o) => o.name);
    expect(unexpected).toEqual([]);
  });

  it('lists only cases that exist and still disagree', () => {
    const names = new Set(all.map((c) => c.name));
    expect(Object.keys(knownDisagreements).filter((n) => !names.has(n))).toEqual([]);
    expect(Object.keys(knownDisagreements).filter((n) => agreeing.has(n))).toEqual([]);
  });

  it('refuses exactly the lines the kernel refused, with the tools\' own words', () => {
    // The network tools' refusals on the kernel's stderr against the importer's errors (probe
    // output, bash's own "line N:" messages and the script's echo lines are not tool refusals).
    const ours = (l: string) => /^(RTNETLINK answers: |Error: |Cannot |SIOC[A-Z]+: |sysctl: |iptables|brctl|bridge |"[^"]*" is invalid)/.test(l);
    const mismatches = all.filter((c) => c.expected).flatMap((c) => {
      const r = importScript(c.topology, { file: c.file, files: c.files, args: c.args, probe: simulatedProbeOutcome(1) });
      const errs = r.diagnostics.filter((d) => d.level === 'error' && d.message.trim() !== '').map((d) => d.message);
      const kernel = c.expected.setup.stderr.filter(ours);
      const onlyOurs = errs.filter((m) => !kernel.some((l) => l.includes(m) || m.includes(l)));
      const onlyKernel = kernel.filter((l) => !errs.some((m) => l.includes(m) || m.includes(l)));
      return onlyOurs.length || onlyKernel.length ? [`${c.name}: importer only ${JSON.stringify(onlyOurs)}, kernel only ${JSON.stringify(onlyKernel)}`] : [];
    });
    expect(mismatches).toEqual([]);
  });
});
