import { defineConfig } from '@playwright/test';

// Debian's chromium (apt-get install -y chromium); Playwright's own browser download is impossible here.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Several checkouts on one machine each serve their own build: choose the port per checkout.
const PORT = Number(process.env.VNETLAB_E2E_PORT) || 4173;

export default defineConfig({
  testDir: './e2e',
  // Budgets a loaded machine cannot miss (a journey takes seconds when the machine is quiet):
  // they only catch hangs. Speed is measured in the perf specs' printed figures, not asserted.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
  },
});
