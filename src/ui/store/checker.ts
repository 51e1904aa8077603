/**
 * The design checker (`validateDesign`) is not part of the first page load: it is fetched
 * as soon as the first screen asks for it, and until it arrives the design simply shows no
 * findings yet (the badge and node marks appear a moment later). `ready` re-renders whoever
 * waits for it.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../../core/model/diagnostics';
import type { Design } from '../../core/model/types';

type Check = (design: Design) => Diagnostic[];

let check: Check | undefined;
let loading: Promise<Check> | undefined;

/** `failure` is set when the checker's code could not be fetched (it is tried again on the next ask). */
export const useChecker = create<{ ready: boolean; failure?: string }>(() => ({ ready: false }));

/** Fetches the checker once; resolves to it. */
export function loadChecker(): Promise<Check> {
  loading ??= import('../../core/model/validate').then(
    (m) => { check = m.validateDesign; useChecker.setState({ ready: true, failure: undefined }); return check; },
    (e: unknown) => { loading = undefined; useChecker.setState({ failure: (e as Error).message }); throw e; },
  );
  return loading;
}

/** The checker if it is loaded (starting the fetch if not). */
export function loadedChecker(): Check | undefined {
  if (!check) void loadChecker().catch(() => undefined);
  return check;
}
