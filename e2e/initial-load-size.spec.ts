/**
 * The first page load stays small: the JavaScript the browser must fetch before the first
 * screen (the entry module, the modules it preloads and everything they import statically)
 * is at most 180 kB gzipped. Everything else (tabs, dialogs, the design checker, the schema,
 * the share-link codec) is fetched with dynamic import(). Sizes of a build are deterministic.
 */
import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 180_000;

test('the first screen loads at most 180 kB of gzipped JavaScript', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const roots = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  expect(roots.length).toBeGreaterThan(0);
  const seen = new Map<string, number>();
  const queue = [...roots];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const code = await (await request.get(url)).text();
    seen.set(url, gzipSync(code, { level: 9 }).length);
    // static imports only (`import … from "./x.js"`, `import "./x.js"`); import("…") is lazy
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(new URL(m[1], new URL(url, 'http://x')).pathname);
  }
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  console.log(`initial JS: ${(total / 1000).toFixed(1)} kB gzipped in ${seen.size} files`);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
});
