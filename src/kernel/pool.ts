/**
 * A tiny concurrency limiter: kernel cases mostly wait on ping timeouts, so several run at
 * once, but each spawns many short commands, so not too many on a small machine.
 */

/** Returns `run(task)`, which starts `task` once fewer than `limit` tasks are running. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolveTask, rejectTask) => {
      const start = () => {
        active++;
        task().then(resolveTask, rejectTask).finally(release);
      };
      if (active < limit) start();
      else queue.push(start);
    });
}

/**
 * A limiter whose limit is read again whenever a task ends and every `recheckMs`: a task
 * starts once fewer than `limit()` tasks run (always at least one runs).
 */
export function adaptiveLimiter(limit: () => number, recheckMs = 1000): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  const pump = () => {
    while (queue.length && (active === 0 || active < Math.max(1, limit()))) queue.shift()!();
    if (!queue.length && timer) {
      clearInterval(timer);
      timer = undefined;
    } else if (queue.length && !timer) timer = setInterval(pump, recheckMs);
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolveTask, rejectTask) => {
      queue.push(() => {
        active++;
        task().then(resolveTask, rejectTask).finally(() => {
          active--;
          pump();
        });
      });
      pump();
    });
}
