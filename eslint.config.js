import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'test-results', 'playwright-report'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no UI, no worker, no clock, no unseeded randomness.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@xyflow/*', 'zustand', 'zustand/*', '**/ui/**', '**/worker/**', 'node:*'] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'time is a parameter in core' },
        { object: 'Math', property: 'random', message: 'randomness comes from a seed in core' }],
    },
  },
  {
    // The simulator takes a design; it never depends on the script importer or exporter
    // (test drivers that join them live in src/core/testing).
    files: ['src/core/sim/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@xyflow/*', 'zustand', 'zustand/*', '**/ui/**', '**/worker/**', 'node:*', '**/iproute2/**'] }],
    },
  },
);
