import { defineConfig } from 'vitest/config';

// Kernel differential tests: they build real namespaces in throw-away sandboxes (root only).
// Most of their time is spent waiting on ping timeouts, so they run several files at once.
export default defineConfig({
  test: {
    include: ['src/**/*.kernel.test.ts', 'tests/**/*.kernel.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 4,
    fileParallelism: true,
  },
});
