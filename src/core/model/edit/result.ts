/**
 * What every editing command returns: a new design (the plan) or the reason the kernel — or
 * `ip` — would refuse the edit. Commands never throw for user mistakes.
 */
import type { Design, Id } from '../types';

export type EditResult =
  | { ok: true; design: Design; /** Ids of objects the command created, in creation order. */ created: Id[] }
  | { ok: false; reason: string };

/** A successful edit. */
export function done(design: Design, created: Id[] = []): EditResult {
  return { ok: true, design, created };
}

/** A refused edit, with the reason shown to the user. */
export function refuse(reason: string): EditResult {
  return { ok: false, reason };
}

/** Runs edits one after another as one command (one undo step); stops at the first refusal. */
export function sequence(design: Design, ...steps: ((d: Design) => EditResult)[]): EditResult {
  let current = design;
  const created: Id[] = [];
  for (const step of steps) {
    const r = step(current);
    if (!r.ok) return r;
    current = r.design;
    created.push(...r.created);
  }
  return done(current, created);
}
