/**
 * Delta debugging (Zeller's ddmin): the smallest subset of a failing input's elements that
 * still fails, by trying to drop chunks of decreasing size. The test is asynchronous
 * because each try may run the kernel in a sandbox; `budget` bounds the number of tries.
 */

export interface MinimiseOptions {
  /** Maximum number of calls to the test (default 60). */
  budget?: number;
}

/**
 * Returns a 1-minimal (within budget) subset of `items`, in their original order, for which
 * `fails` still resolves true. `items` itself is assumed to fail.
 */
export async function minimise<T>(
  items: readonly T[],
  fails: (subset: T[]) => Promise<boolean>,
  options: MinimiseOptions = {},
): Promise<T[]> {
  let budget = options.budget ?? 60;
  let current = [...items];
  let n = 2;
  const test = async (subset: T[]) => {
    if (budget <= 0) return false;
    budget--;
    return fails(subset);
  };
  while (current.length >= 2 && budget > 0) {
    const size = Math.ceil(current.length / n);
    const chunks: T[][] = [];
    for (let i = 0; i < current.length; i += size) chunks.push(current.slice(i, i + size));
    let reduced = false;
    // try each chunk alone, then each complement
    for (const c of chunks) {
      if (c.length < current.length && (await test(c))) {
        current = c;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      for (let i = 0; i < chunks.length; i++) {
        const rest = chunks.filter((_, j) => j !== i).flat();
        if (rest.length && (await test(rest))) {
          current = rest;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}
