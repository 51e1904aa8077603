import { defineConfig } from 'vitest/config';

// Unit, golden and scenario tests. Kernel tests (*.kernel.test.ts) have their own config
// because they need root and run in a separate, parallel pass.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    exclude: ['**/*.kernel.test.ts', 'node_modules/**', 'e2e/**'],
    environment: 'node',
    // A budget no healthy test comes near, even on a loaded machine: it only catches hangs.
    // Speed is measured by `npm run bench`, never asserted here.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
