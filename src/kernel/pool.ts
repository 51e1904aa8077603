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
