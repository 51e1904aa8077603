/**
 * Property tests of the interpreter through the importer:
 * - a generator writes scripts with shell constructs (variables, loops, functions, `if`,
 *   `case`, `source`, arguments, arithmetic, parameter expansions) together with the same
 *   script flattened by hand; the import of both must be the same design;
 * - fuzzed inputs never make the importer throw, and every diagnostic is located.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from '../../../model/types';
import { importScript } from '../index';

interface Program {
  /** Script text with constructs. */
  script: string;
  /** The same commands, one literal line each. */
  flat: string;
  files: Record<string, string>;
  args: string[];
}

/** A network command with one name slot, and how its argument is written. */
const TEMPLATES: ((x: string) => string)[] = [
  (x) => `ip netns add ns${x}`,
  (x) => `ip link add d${x} type dummy`,
  (x) => `ip link add br${x} type bridge`,
  (x) => `ip link set d${x} up`,
  (x) => `ip addr add 10.0.${x}.1/24 dev d${x}`,
  (x) => `ip link add v${x} type veth peer name p${x}`,
  (x) => `ip link set p${x} netns ns${x}`,
  (x) => `ip -n ns${x} link set lo up`,
  (x) => `ip link set v${x} master br${x}`,
  (x) => `sysctl -w net.ipv4.conf.d${x}.forwarding=1`,
];

const name = fc.integer({ min: 0, max: 9 }).map(String);
const template = fc.integer({ min: 0, max: TEMPLATES.length - 1 });

type Gen = fc.Arbitrary<Program>;
const join = (ps: Program[]): Program => ({
  script: ps.map((p) => p.script).join('\n'),
  flat: ps.map((p) => p.flat).join('\n'),
  files: Object.assign({}, ...ps.map((p) => p.files)),
  args: [],
});

const plain: Gen = fc.tuple(template, name).map(([t, x]) => ({ script: TEMPLATES[t](x), flat: TEMPLATES[t](x), files: {}, args: [] }));

/** `N=x; cmd $N` and `${N:-x}`, `${N:=x}`. */
const variable: Gen = fc.tuple(template, name, fc.constantFrom('$V', '${V}', '"$V"', '${U:-$V}', '${V:0:1}', '${#V}')).map(([t, x, use]) => {
  const value = use === '${#V}' ? 'abcdefghij'.slice(0, Number(x) || 1) : x;
  const shown = use === '${#V}' ? String(value.length) : x;
  return { script: `V=${value}\n${TEMPLATES[t](use)}`, flat: `V=${value}\n${TEMPLATES[t](shown)}`, files: {}, args: [] };
});

/** `for i in a b c` / `for ((i=a; i<=b; i++))` / `while` counter / `$(seq a b)` / `{a..b}`. */
const loop: Gen = fc.tuple(template, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('list', 'cfor', 'while', 'seq', 'brace')).map(([t, from, n, kind]) => {
  const items = Array.from({ length: n }, (_, k) => String(from + k));
  const body = TEMPLATES[t]('$i');
  const last = from + n - 1;
  const script = kind === 'list' ? `for i in ${items.join(' ')}; do\n  ${body}\ndone`
    : kind === 'cfor' ? `for ((i=${from}; i<=${last}; i++)); do ${body}; done`
      : kind === 'while' ? `i=${from}\nwhile [ $i -le ${last} ]; do\n  ${body}\n  i=$((i+1))\ndone`
        : kind === 'seq' ? `for i in $(seq ${from} ${last}); do ${body}; done`
          : n ? `for i in {${from}..${last}}; do ${body}; done` : `for i in; do ${body}; done`;
  return { script, flat: items.map((i) => TEMPLATES[t](i)).join('\n'), files: {}, args: [] };
});

/** A function called with arguments, with a `local`. */
const fn: Gen = fc.tuple(fc.array(template, { minLength: 1, maxLength: 3 }), fc.array(name, { minLength: 0, maxLength: 3 }), fc.integer({ min: 0, max: 99 })).map(([ts, calls, id]) => {
  const f = `mk${id}`;
  const def = `${f}() {\n  local x=$1\n${ts.map((t) => `  ${TEMPLATES[t]('$x')}`).join('\n')}\n}`;
  return { script: [def, ...calls.map((c) => `${f} ${c}`)].join('\n'), flat: calls.flatMap((c) => ts.map((t) => TEMPLATES[t](c))).join('\n'), files: {}, args: [] };
});

/** `if`/`elif`/`else` and `case` on a known value. */
const branch: Gen = fc.tuple(template, template, name, name, fc.boolean()).map(([a, b, x, y, useCase]) => {
  const same = x === y;
  const script = useCase
    ? `case ${x} in\n  ${y}) ${TEMPLATES[a](x)} ;;\n  *) ${TEMPLATES[b](x)} ;;\nesac`
    : `if [ "${x}" = "${y}" ]; then\n  ${TEMPLATES[a](x)}\nelif [ ${x} -gt ${y} ]; then ${TEMPLATES[b](x)}\nelse\n  ${TEMPLATES[b](y)}\nfi`;
  const flat = same ? TEMPLATES[a](x) : useCase ? TEMPLATES[b](x) : Number(x) > Number(y) ? TEMPLATES[b](x) : TEMPLATES[b](y);
  return { script, flat, files: {}, args: [] };
});

/** Commands in a sourced companion file. */
const sourced: Gen = fc.tuple(fc.array(fc.tuple(template, name), { minLength: 1, maxLength: 3 }), fc.constantFrom('source', '.')).map(([cmds, how]) => {
  const lines = cmds.map(([t, x]) => TEMPLATES[t](x)).join('\n');
  // Named after its content, so two companions of one program never collide.
  const id = cmds.map(([t, x]) => `${t}${x}`).join('');
  return { script: `${how} ./lib${id}.sh`, flat: lines, files: { [`lib${id}.sh`]: lines }, args: [] };
});

/** Positional arguments with a usage check (`@1@`, `@2@` stand for the script's arguments). */
const argsUse: Gen = template.map((t) => ({
  script: `[ $# -lt 2 ] && { echo "usage: $0 A B"; exit 1; }\n${TEMPLATES[t]('$1')}\n${TEMPLATES[t]('${2}')}`,
  flat: `${TEMPLATES[t]('@1@')}\n${TEMPLATES[t]('@2@')}`,
  files: {},
  args: [],
}));

/** Arithmetic and `&&`/`||` that do not change what runs. */
const arith: Gen = fc.tuple(template, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([t, a, b]) => ({
  script: `${TEMPLATES[t](`$((${a}+${b}))`)} || true\ntrue && echo ok`,
  flat: TEMPLATES[t](String(a + b)),
  files: {},
  args: [],
}));

const program: Gen = fc.tuple(fc.array(fc.oneof(plain, variable, loop, fn, branch, sourced, argsUse, arith), { minLength: 1, maxLength: 6 }), name, name).map(([ps, a, b]) => {
  const p = join(ps);
  return { ...p, flat: p.flat.replace(/@1@/g, a).replace(/@2@/g, b), args: [a, b] };
});

/** The design without what depends on where a line is (saved tests' line numbers). */
function comparable(d: Design): unknown {
  return { ...d, tests: d.tests?.map(({ line: _line, ...t }) => t) };
}

describe('scripts with shell constructs import like their flattened form', () => {
  it('for 10,000 generated scripts', () => {
    fc.assert(
      fc.property(program, (p) => {
        const a = importScript(p.script, { file: 'main.sh', files: p.files, args: p.args });
        const b = importScript(p.flat, { file: 'flat.sh' });
        // Strings first (fast); the deep comparison only to show a difference.
        if (JSON.stringify(comparable(a.design)) !== JSON.stringify(comparable(b.design))) expect(comparable(a.design)).toEqual(comparable(b.design));
      }),
      { numRuns: 10_000, seed: 20261207 },
    );
  });
});

describe('the importer never throws on fuzzed shell', () => {
  const pieces = fc.constantFrom(
    'ip link add d0 type dummy', 'ip netns add ns1', 'for i in 1 2; do', 'done', 'if', 'then', 'fi', 'else', 'elif', 'while', 'until', 'do', 'case $x in', 'esac', ';;', 'a)',
    'f() {', '}', '{', '(', ')', '((', '))', '$((', '$(', '${', '${x:-', '${#', '${x:0:', '${x#', '`', '"', "'", '\\', '<<EOF', 'EOF', '<<<', '>', '>>', '2>&1', '&>', '|', '||', '&&', '&', ';', '\n',
    'x=1', 'x=$((x+1))', 'local y', 'return', 'break', 'continue', 'exit', 'shift', 'set -e', 'set -euo pipefail', 'source lib.sh', '. ./x.sh', 'eval', 'echo', 'printf %s', 'read v', 'test', '[', ']', '[[', ']]', '!',
    'ip netns exec ns1', 'sh -c', 'bash', 'sudo', 'ping -c1 10.0.0.1', 'arping -c1 -I d0 10.0.0.2', 'ip neigh flush all', 'f', '$1', '$@', '"$@"', '$#', '$?', '{1..3}', '$x', '1/0', '**', 'seq 1 3', 'trap "" ERR', 'while true; do :; done',
  );
  it('for 10,000 inputs, with every problem located', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.array(fc.constantFrom(' ', '', '\n'), { minLength: 40, maxLength: 40 }), (ws, seps) => {
        const text = ws.map((w, k) => w + seps[k]).join('');
        const r = importScript(text, { file: 'fuzz.sh', files: { 'lib.sh': text.slice(0, 80) }, args: ['a'], limits: { steps: 2000 } });
        for (const d of r.diagnostics) {
          expect(d.file).toBeTruthy();
          expect(d.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 10_000, seed: 7 },
    );
  });
});
