/**
 * The options every fuzzer takes: `--seed S --count N --jobs J --budget SECONDS --out DIR`,
 * plus those a fuzzer adds (whole numbers or flags). One parser, so they read alike.
 */
export interface FuzzArgs {
  seed: number;
  count: number;
  out: string;
  jobs: number;
  budget: number;
  /** Extra whole-number options and flags, by name without the dashes. */
  extra: Record<string, number | true>;
}

export function parseFuzzArgs(
  argv: string[],
  defaults: { count: number; jobs: number },
  extra: { numbers?: readonly string[]; flags?: readonly string[] } = {},
): FuzzArgs | string {
  const a: FuzzArgs = { seed: 1, count: defaults.count, out: 'fuzz-findings', jobs: defaults.jobs, budget: 40, extra: {} };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const name = k.replace(/^--/, '');
    if (extra.flags?.includes(name)) { a.extra[name] = true; continue; }
    const v = argv[++i];
    if (k === '--out') { if (v === undefined) return '--out needs a folder'; a.out = v; continue; }
    if (!['--seed', '--count', '--jobs', '--budget'].includes(k) && !extra.numbers?.includes(name)) return `unknown argument ${k}`;
    if (!/^\d+$/.test(v ?? '')) return `${k} needs a whole number`;
    const n = Number(v);
    if (k === '--seed') a.seed = n;
    else if (k === '--count') a.count = n;
    else if (k === '--jobs') a.jobs = Math.max(1, n);
    else if (k === '--budget') a.budget = n;
    else a.extra[name] = n;
  }
  return a;
}
