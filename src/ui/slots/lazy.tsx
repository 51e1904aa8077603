/**
 * Components whose code is loaded when they are first shown (or when the page is idle), so
 * the first screen downloads only what it draws. While the code loads the place says so; if
 * it cannot be loaded the place says that and offers to try again. Nothing the user has made
 * lives in these components' state: the design is in the store, so a retry loses no work.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

export type LazyComponent<P extends object> = ComponentType<P> & {
  /** Starts loading the code without showing anything (e.g. when the page is idle). */
  preload: () => Promise<unknown>;
};

/** Code to fetch once the first screen is drawn and the page is idle. */
const idleLoads: (() => Promise<unknown>)[] = [];

/** Adds `load` to what is fetched when the page is idle (its errors are ignored: first use reports them). */
export function loadWhenIdle(load: () => Promise<unknown>): void {
  idleLoads.push(() => load().catch(() => undefined));
}

class LoadBoundary extends Component<{ what: string; onRetry: () => void; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="lazy-state" role="alert">
        Could not load {this.props.what}.{' '}
        <button type="button" onClick={this.props.onRetry}>Try again</button>
      </div>
    );
  }
}

/**
 * `load` resolves to the component; `what` names it for the loading and failure notes
 * ("the Script tab"). `inline` draws the loading note as a small span (toolbar places).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, what: string, inline = false): LazyComponent<P> {
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () => (pending ??= load().catch((e: unknown) => { pending = undefined; throw e; }));
  const make = () => lazy(async () => ({ default: await start() }));
  let Current = make();

  function Lazy(props: P) {
    const [attempt, setAttempt] = useState(0);
    const retry = () => { Current = make(); setAttempt((a) => a + 1); };
    const Loading = inline ? 'span' : 'div';
    return (
      <LoadBoundary key={attempt} what={what} onRetry={retry}>
        <Suspense fallback={<Loading className="lazy-state" role="status">Loading {what}…</Loading>}>
          <Current {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  const preload = () => start().catch(() => undefined);
  idleLoads.push(preload);
  return Object.assign(Lazy, { preload });
}

/**
 * Fetches every lazy part once the page has loaded and is idle, so that opening a tab or a
 * dialog later is instant, and keeps working if the server goes away afterwards.
 */
export function preloadWhenIdle(): void {
  if (typeof window === 'undefined') return;
  const run = () => { for (const load of idleLoads.splice(0)) void load(); };
  const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  const later = () => (idle ? idle(run, { timeout: 3000 }) : setTimeout(run, 1500));
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
