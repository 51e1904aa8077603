import { defineConfig } from 'vitest/config';

// Kernel differential tests: they build real namespaces in throw-away sandboxes (root only).
// Most of their time is spent waiting on ping timeouts, so each file runs several sandboxes at
// once (VNETLAB_KERNEL_JOBS); the files themselves run one after another so that a 2-core
// machine is never so loaded that the kernel's ARP timing changes what it does.
export default defineConfig({
  test: {
    include: ['src/**/*.kernel.test.ts', 'tests/**/*.kernel.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
