/**
 * The autosaved design in IndexedDB. The document is stored as its JSON text so that what
 * comes back is checked exactly like a file being opened; a record that no longer reads
 * (bad JSON, schema failure, a newer version) is moved aside under its own key, never
 * overwritten, so the user can still download it. The schema (and its validator library) is
 * loaded when a record is first read, not with the first page.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Design } from '../../../core/model/types';
import { loadWhenIdle } from '../../slots/lazy';

const schema = () => import('../../../core/model/schema');
// the restore on start needs it at once; fetched when idle too, for the first Open of a .json
loadWhenIdle(schema);

const CURRENT = 'current';
/** The design last replaced by Open, Import, an example or a link. */
const PREVIOUS = 'previous';

let db: UseStore | undefined;
function store(): UseStore {
  db ??= createStore('vnetlab', 'designs');
  return db;
}

export type Restored =
  | { kind: 'empty' }
  | { kind: 'ok'; design: Design }
  | { kind: 'corrupt'; reason: string; key: string; raw: string };

/** Writes the design as the autosaved one. */
export async function saveCurrent(design: Design): Promise<void> {
  await set(CURRENT, JSON.stringify(design), store());
}

/** Reads the autosaved design back; a corrupted record is moved to a `corrupt:` key first. */
export async function restoreCurrent(now: Date): Promise<Restored> {
  const raw: unknown = await get(CURRENT, store());
  if (raw === undefined) return { kind: 'empty' };
  const text = typeof raw === 'string' ? raw : safeStringify(raw);
  const parsed = typeof raw === 'string' ? (await schema()).parseDesign(raw, 'autosave') : undefined;
  if (parsed?.design) return { kind: 'ok', design: parsed.design };
  const reason = parsed
    ? parsed.diagnostics.find((d) => d.level === 'error')?.message ?? 'unreadable'
    : 'the stored record is not a design document';
  const key = `corrupt:${now.toISOString()}`;
  await set(key, text, store());
  await del(CURRENT, store());
  return { kind: 'corrupt', reason, key, raw: text };
}

/** Keeps `design` as the previous design (the one a replacement put aside). */
export async function savePrevious(design: Design): Promise<void> {
  await set(PREVIOUS, JSON.stringify(design), store());
}

/** The kept previous design, if one is kept and still reads. */
export async function readPrevious(): Promise<Design | undefined> {
  const raw: unknown = await get(PREVIOUS, store());
  return typeof raw === 'string' ? (await schema()).parseDesign(raw, 'previous design').design : undefined;
}

/** Writes raw text as the current record (used by tests of the recovery path). */
export async function writeRawCurrent(raw: unknown): Promise<void> {
  await set(CURRENT, raw, store());
}

function safeStringify(v: unknown): string {
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
}
