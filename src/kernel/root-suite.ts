/**
 * Kernel suites need root (network namespaces). Without it they are skipped with a message —
 * except in CI, where missing root is a failure, so the kernel is always asked there.
 */
import { describe, it } from 'vitest';
import { isRoot } from './sandbox';

/** Runs `body` (which declares the suite) as root; otherwise skips or fails as above. */
export function describeAsRoot(title: string, body: () => void): void {
  if (isRoot()) {
    body();
    return;
  }
  if (process.env.CI) {
    describe(title, () => {
      it('runs as root', () => {
        throw new Error('kernel tests need root (network namespaces); CI must run them as root');
      });
    });
    return;
  }
  console.warn(`${title}: skipped: kernel tests need root (network namespaces); run them with sudo`);
  describe.skip(`${title} (needs root)`, () => {
    it('skipped', () => {});
  });
}
