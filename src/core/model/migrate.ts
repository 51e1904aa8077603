/**
 * Upgrading older design documents. `migrations[v]` turns a version-`v` document into a
 * version-`v+1` one; `migrateDocument` chains them up to `DESIGN_VERSION`. Each step works
 * on plain JSON (the old shape has no TypeScript type any more) and must not mutate its input.
 */
import { DESIGN_VERSION } from './types';

export type JsonObject = Record<string, unknown>;
export type Migration = (doc: JsonObject) => JsonObject;

const isObject = (x: unknown): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Version 0 is the pre-release shape: machines had no `role` (an `external: true` flag marked
 * the outside world) and canvas positions sat in a top-level `positions` map, not `layout`.
 */
function v0ToV1(doc: JsonObject): JsonObject {
  const { positions, ...rest } = doc;
  const hosts = Array.isArray(doc.hosts) ? doc.hosts : [];
  return {
    ...rest,
    version: 1,
    hosts: hosts.map((h) => {
      if (!isObject(h)) return h;
      const { external, ...host } = h;
      return { ...host, role: h.role ?? (external === true ? 'external' : 'host') };
    }),
    lans: doc.lans ?? [],
    layout: doc.layout ?? { positions: isObject(positions) ? positions : {} },
  };
}

/** The upgrade steps, keyed by the version they upgrade from. */
export const migrations: Readonly<Record<number, Migration>> = {
  0: v0ToV1,
};

/** The oldest version `migrateDocument` can upgrade. */
export function oldestSupportedVersion(registry: Readonly<Record<number, Migration>> = migrations): number {
  let v = DESIGN_VERSION as number;
  while (registry[v - 1]) v--;
  return v;
}

/**
 * Brings `doc` from `version` up to `DESIGN_VERSION`, or says why it cannot: a version newer
 * than this program, or older than the oldest migration.
 */
export function migrateDocument(
  doc: JsonObject, version: number, registry: Readonly<Record<number, Migration>> = migrations,
): { doc?: JsonObject; error?: string; steps: number } {
  const current = DESIGN_VERSION as number;
  if (!Number.isInteger(version)) return { error: `design version ${JSON.stringify(version)} is not a whole number`, steps: 0 };
  if (version > current) {
    return { error: `design version ${version} is newer than this vnetlab understands (${current}); update vnetlab to open it`, steps: 0 };
  }
  let out = doc;
  let steps = 0;
  for (let v = version; v < current; v++) {
    const step = registry[v];
    if (!step) {
      return { error: `design version ${version} is too old: no upgrade exists from version ${v} (oldest supported: ${oldestSupportedVersion(registry)})`, steps };
    }
    out = step(out);
    steps++;
  }
  return { doc: out, steps };
}
