/**
 * `vnetlab verify`: run a design on the real kernel in a throw-away sandbox and compare what
 * the kernel did with what the simulator says, item by item (docs/conformance-format.md).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Design } from '../../core/model/types';
import { formatDiff } from '../../core/observation/diff-format';
import { withoutScriptHistory } from '../../core/model/script-history';
import type { Observation } from '../../core/observation/types';
import { parseProbes } from '../../core/world/probes';
import { compareWithSimulator } from '../../kernel/compare';
import { mergeObservations } from '../../core/observation/diff-merge';
import { exportDesignScript, importDesignScript, simulateDesign, UnavailableError } from '../../kernel/collaborators';
import { KernelRunError, runKernelCase, runKernelCaseRepeated, UnsupportedKernelError } from '../../kernel/run-case';
import { isRoot, killSandboxes } from '../../kernel/sandbox';
import { formatObservation } from '../../kernel/show';
import { setupFailures } from '../../kernel/setup-failures';
import { isNetworkLine, scriptFailedLines } from '../../kernel/script-lines';
import { unsupportedFeatures } from '../../kernel/kernel-support';
import { vmMissing, VmBootError, VmUnavailableError } from '../../kernel/vm/batch';
import { findVmKernel } from '../../kernel/vm/locate';
import { runCaseInVm } from '../../kernel/vm/one-case';
import { killVms } from '../../kernel/vm/qemu';

export const name = 'verify';
export const summary = 'run a design on the real kernel (sandboxed, root; or in a VM) and diff it with the simulator';
export const usage = `usage: vnetlab verify FILE.sh|FILE.json [COMPANION.sh…] --probes PROBES.txt [--vm] [--kernel-only] [--json] [--seed N] [--runs N] [--states] [-- ARGS…]

  Builds the design in a throw-away sandbox (fresh network, mount and PID namespaces; nothing
  is configured on this machine), runs the probes, and compares the kernel's observation with
  the simulator's. For a design (.json), the exported script must run first: a line that fails
  on the kernel is reported (line, command, the kernel's message) and nothing else is compared.
  Exit status: 0 agree, 1 disagree or the exported script failed, 2 usage or not root,
  3 cannot verify.

  --vm            run it in a throw-away VM instead: Debian's distribution kernel under qemu
                  (no network device; this machine's files read-only; no root needed). Used
                  automatically, with a notice, when this kernel lacks a link type the design
                  needs. \`vnetlab doctor\` says what the VM needs.
  --kernel-only   only ask the kernel; print its observation
  --json          print JSON (the observation, or {kernel, simulator, diff})
  --seed N        simulator seed (default 1)
  --runs N        run the kernel N times (in parallel) and skip what differs between runs,
                  e.g. which of two interfaces answers an ARP first (default: 1, and on a
                  disagreement two more runs before it is reported)
  --states        also compare neighbour states (timer-driven on the kernel)

  A script's companion files (what it sources) follow it, and its arguments follow \`--\`:
  the kernel runs \`bash FILE.sh ARGS\` in the script's folder, as a user does (companions
  must be in that folder under the name the script sources); the importer is given the same
  files and arguments. The failed-line list is then not compared (bash runs the script, not
  the sandbox's own shell, so the kernel's trap sees only that one command).`;

interface Options {
  file: string;
  companions: string[];
  args: string[];
  probes: string;
  kernelOnly: boolean;
  json: boolean;
  seed: number;
  runs: number;
  /** --runs was given: do not look again on a disagreement. */
  runsGiven: boolean;
  states: boolean;
  vm: boolean;
}

function parseArgs(args: string[]): Options | string {
  const o: Partial<Options> = { kernelOnly: false, json: false, seed: 1, runs: 1, runsGiven: false, states: false, vm: false, companions: [], args: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { o.args = args.slice(i + 1); break; }
    if (a === '--probes') o.probes = args[++i];
    else if (a.startsWith('--probes=')) o.probes = a.slice(9);
    else if (a === '--kernel-only') o.kernelOnly = true;
    else if (a === '--json') o.json = true;
    else if (a === '--states') o.states = true;
    else if (a === '--vm') o.vm = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? args[++i] : a.slice(7);
      if (!/^\d+$/.test(v ?? '')) return `--seed needs a whole number, got ${v ?? 'nothing'}`;
      o.seed = Number(v);
    } else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = a === '--runs' ? args[++i] : a.slice(7);
      if (!/^[1-9]\d*$/.test(v ?? '') || Number(v) > 16) return `--runs needs a number from 1 to 16, got ${v ?? 'nothing'}`;
      o.runs = Number(v);
      o.runsGiven = true;
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (o.file === undefined) o.file = a;
    else o.companions!.push(a);
  }
  if (!o.file) return 'missing FILE.sh or FILE.json';
  if (!o.probes) return 'missing --probes PROBES.txt';
  if ((o.companions!.length || o.args!.length) && extname(o.file).toLowerCase() === '.json') return 'companion files and arguments are for a script, not a design (.json)';
  return o as Options;
}

/** A case folder's name for `DIR/topology.sh`, else the file's own name. */
function caseName(file: string): string {
  const base = basename(file, extname(file));
  return base === 'topology' ? basename(dirname(file)) || base : base;
}

/** `, 3 kernel runs, 2 unstable items skipped` when several runs were merged. */
function unstableNote(k: Observation): string {
  if (!k.runs || k.runs < 2) return '';
  const n = Object.keys(k.unstable ?? {}).length;
  return `, ${k.runs} kernel runs, ${n} item(s) differing between runs skipped`;
}

/** `bash FILE ARGS` under the script's own world header, as the wild-script measurements run it. */
function userRunWrapper(text: string, file: string, args: string[]): string {
  const header = text.split('\n').filter((l) => /^#\s*(phys|host):/.test(l));
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [...header, `bash ${q('./' + basename(file))}${args.map((a) => ` ${q(a)}`).join('')} < /dev/null`, ''].join('\n');
}

async function verify(o: Options): Promise<number> {
  let text: string;
  let probesText: string;
  const files: Record<string, string> = {};
  try {
    text = readFileSync(o.file, 'utf8');
    probesText = readFileSync(o.probes, 'utf8');
    for (const f of o.companions) {
      const body = readFileSync(f, 'utf8');
      files[f] = body;
      files[basename(f)] ??= body;
      if (resolve(dirname(f)) !== resolve(dirname(o.file))) console.error(`vnetlab verify: ${f} is not in the script's folder: the kernel run does not find it where the script sources it`);
    }
  } catch (e) {
    console.error(`vnetlab verify: ${(e as Error).message}`);
    return 2;
  }
  const isJson = extname(o.file).toLowerCase() === '.json';
  let design: Design | null = null;
  let script = text;
  try {
    if (isJson) {
      design = JSON.parse(text) as Design;
      const exported = await exportDesignScript(design);
      script = exported.script;
      for (const n of exported.notes) console.error(`vnetlab verify: ${n}`);
    }
  } catch (e) {
    console.error(`vnetlab verify: ${o.file}: ${(e as Error).message}`);
    return 3;
  }
  const { probes, diagnostics } = parseProbes(probesText, o.probes);
  if (diagnostics.length) {
    for (const d of diagnostics) console.error(`${d.file}:${d.line}: ${d.level}: ${d.message}`);
    return 2;
  }

  let kernel: Observation;
  // with companions or arguments, the kernel runs the script as a user does: bash FILE ARGS
  const asUser = !isJson && (o.companions.length > 0 || o.args.length > 0);
  const c = {
    name: caseName(o.file),
    script: asUser ? userRunWrapper(text, o.file, o.args) : script,
    probes: probesText,
    cwd: dirname(o.file),
    scriptFile: o.file,
    probesFile: o.probes,
  };
  let inVm = o.vm;
  // the simulator's side, when the VM is used: computed first, so that the second looks
  // happen inside the same boot
  let simFirst: Observation | null = null;
  try {
    if (!inVm && !isRoot()) {
      console.error('vnetlab verify: needs root: it builds network namespaces in a throw-away sandbox (try sudo, or --vm)');
      return 2;
    }
    if (!inVm) {
      const missing = await unsupportedFeatures(script);
      if (missing.length && !vmMissing().missing.length) {
        for (const r of missing) console.error(`vnetlab verify: ${r.replace(/; cannot verify$/, '')}`);
        console.error(`vnetlab verify: verifying in a VM instead (kernel ${findVmKernel()!.release} under qemu; this takes a minute or more)`);
        inVm = true;
      } else if (missing.length) {
        for (const r of missing) console.error(`vnetlab verify: ${r}`);
        console.error(`vnetlab verify: verify --vm could run it in a VM, which needs ${vmMissing().install} (see vnetlab doctor)`);
        return 3;
      }
    }
    if (inVm) {
      if (!o.kernelOnly) {
        try {
          simFirst = design ? await simulateDesign(design, probes, o.seed) : await simulateDesign((await importDesignScript(text, o.file)).design, probes, o.seed);
        } catch {
          simFirst = null; // reported below, where the simulator is asked again
        }
      }
      const against = simFirst && !o.runsGiven ? { observation: simFirst, as: 'simulator' as const, states: o.states } : undefined;
      kernel = (await runCaseInVm(c, { runs: o.runs, against, batch: { log: o.json ? undefined : (l) => console.error(`vnetlab verify: ${l}`) } })).kernel;
    } else {
      kernel = o.runs > 1 ? await runKernelCaseRepeated(c, o.runs) : await runKernelCase(c);
    }
  } catch (e) {
    if (e instanceof UnsupportedKernelError) for (const r of e.reasons) console.error(`vnetlab verify: ${r}`);
    else if (e instanceof KernelRunError) console.error(`vnetlab verify: ${e.message}`);
    else if (e instanceof VmUnavailableError) console.error(`vnetlab verify: ${e.message}`);
    else if (e instanceof VmBootError) console.error(`vnetlab verify: ${e.message}\n${e.consoleTail}`);
    else console.error(`vnetlab verify: the kernel run failed: ${(e as Error).message}`);
    return 3;
  }
  if (isJson) {
    // the exported script is ours: any line the kernel refuses is our failure, and what
    // follows a failed setup is not the design, so nothing else is worth comparing
    const failures = setupFailures(kernel, script);
    if (failures.length) {
      if (o.json) console.log(JSON.stringify({ kernel, setupFailed: failures }, null, 1));
      console.error(`vnetlab verify: ${o.file}: the exported script failed on the kernel:`);
      for (const f of failures) console.error(`  ${f.text}`);
      return 1;
    }
  }
  if (o.kernelOnly) {
    console.log(o.json ? JSON.stringify(kernel, null, 1) : formatObservation(kernel).join('\n'));
    return 0;
  }

  let sim: Observation;
  let importerFailedLines: number[] | null = null;
  try {
    if (!design) {
      const imported = await importDesignScript(text, o.file, { files, args: o.args });
      design = imported.design;
      sim = await simulateDesign(design, probes, o.seed, kernel.kernel);
      // the script's own lines, as the kernel's ERR trap saw them: network commands only,
      // and a plain `ping` line failing when the simulator says it gets no reply
      importerFailedLines = asUser ? null : imported.failedLines && await scriptFailedLines(text, design, imported.failedLines, o.seed);
    } else {
      // the kernel ran the exported script, which builds every device where it belongs
      sim = await simulateDesign(withoutScriptHistory(design), probes, o.seed, kernel.kernel);
    }
  } catch (e) {
    const msg = e instanceof UnavailableError ? e.message : `simulator unavailable (${(e as Error).message})`;
    console.error(`vnetlab verify: ${msg}; the kernel's observation follows (use --kernel-only to ask only the kernel)`);
    console.log(o.json ? JSON.stringify(kernel, null, 1) : formatObservation(kernel).join('\n'));
    return 3;
  }
  const onlyNetwork = (line: number) => isNetworkLine(text, line);
  let { diff, kernel: k } = compareWithSimulator(kernel, sim, { states: o.states, importerFailedLines, failedLineFilter: isJson ? undefined : onlyNetwork });
  if (diff.length && !o.runsGiven && !inVm) {
    // Some items are kernel races (which of two interfaces answers an ARP first, the order of
    // frames sent at the same moment): before calling it a disagreement, ask the kernel twice
    // more and skip what differs between its runs, as the conformance cases do.
    try {
      kernel = mergeObservations([kernel, await runKernelCase(c), await runKernelCase(c)]);
      ({ diff, kernel: k } = compareWithSimulator(kernel, sim, { states: o.states, importerFailedLines, failedLineFilter: isJson ? undefined : onlyNetwork }));
    } catch (e) {
      console.error(`vnetlab verify: a second look at the kernel failed: ${(e as Error).message}`);
    }
  }
  if (o.json) {
    console.log(JSON.stringify({ kernel, simulator: sim, diff }, null, 1));
  } else if (diff.length === 0) {
    console.log(`${o.file}: the kernel and the simulator agree (${kernel.probes.length} probes${unstableNote(kernel)})`);
  } else {
    console.log(`${o.file}: the kernel and the simulator disagree on ${diff.length} item(s)${unstableNote(kernel)}:`);
    for (const l of formatDiff(diff, k, sim, { expected: 'kernel', observed: 'simulator' })) console.log(`  ${l}`);
  }
  return diff.length ? 1 : 0;
}

/** Entry point: `vnetlab verify ARGS…`; resolves to the exit status. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    console.log(usage);
    return 0;
  }
  const o = parseArgs(args);
  if (typeof o === 'string') {
    console.error(`vnetlab verify: ${o}\n${usage}`);
    return 2;
  }
  if (!isRoot() && !o.vm) {
    console.error('vnetlab verify: needs root: it builds network namespaces in a throw-away sandbox (try sudo, or --vm)');
    return 2;
  }
  // an interrupted verify takes its sandboxes and VMs with it
  const stop = (sig: NodeJS.Signals) => {
    killSandboxes();
    killVms();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await verify(o);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export default { name, summary, usage, run };
