#!/usr/bin/env node
// `npm run test:under-load`: the whole suite (`scripts/test.mjs`, same arguments) beside two
// busy CPU loops, as on a machine shared with other work. Gating tests must not depend on a
// quiet machine; this is how we check. The loops are bounded (they stop by themselves after
// VNETLAB_LOAD_SECONDS, default 2 hours) and are killed when the suite ends.
import { spawn } from 'node:child_process';

const LOOPS = Number(process.env.VNETLAB_LOAD_LOOPS) || 2;
const SECONDS = Number(process.env.VNETLAB_LOAD_SECONDS) || 7200;
const busy = `const end = Date.now() + ${SECONDS * 1000}; let x = 0; while (Date.now() < end) x = (x * 1103515245 + 12345) | 0;`;

const loops = Array.from({ length: LOOPS }, () => spawn(process.execPath, ['-e', busy], { stdio: 'ignore' }));
const stop = () => { for (const l of loops) if (l.exitCode === null) l.kill('SIGKILL'); };
console.log(`test:under-load: ${LOOPS} busy loops running (pids ${loops.map((l) => l.pid).join(', ')})`);

const suite = spawn(process.execPath, ['scripts/test.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
// Stopped from outside: the suite is told too (it would otherwise run on without a parent).
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); if (suite.exitCode === null) suite.kill(sig); process.exit(130); });
suite.on('close', (code) => {
  stop();
  console.log(`test:under-load: the suite ${code === 0 ? 'passed' : 'failed'} beside ${LOOPS} busy loops`);
  process.exit(code ?? 1);
});
