import { defineConfig } from 'vitest/config';

// Unit, golden and scenario tests. Kernel tests (*.kernel.test.ts) have their own config
// because they need root and run in a separate, parallel pass.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    exclude: ['**/*.kernel.test.ts', 'node_modules/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
