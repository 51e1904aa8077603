/**
 * The collector's text dump (collector.ts) → a snapshot, and a snapshot file's text (JSON
 * or a pasted dump) → a validated snapshot or a clear error. Never throws.
 */
import { SECTIONS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotSchema, type Section, type Snapshot } from './format';

export type ParseResult = { ok: true; snapshot: Snapshot } | { ok: false; error: string };

const MAX_TEXT = 64 * 1024 * 1024;

function unhex(h: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(h)) return undefined;
  const bytes = new Uint8Array(h.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder().decode(bytes);
}

/** True when `text` looks like the collector's dump rather than JSON. */
export function isDump(text: string): boolean {
  return /^\s*@@vnetlab-snapshot\b/.test(text);
}

/** Reads the collector's dump. */
export function parseDump(text: string): ParseResult {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const head = /^@@vnetlab-snapshot (\d+)$/.exec(lines[first]?.trim() ?? '');
  if (!head) return { ok: false, error: 'line 1: not a vnetlab dump (it must start with "@@vnetlab-snapshot 1")' };
  if (Number(head[1]) !== SNAPSHOT_VERSION) return { ok: false, error: `line ${first + 1}: dump version ${head[1]} is not supported (this vnetlab reads version ${SNAPSHOT_VERSION})` };
  const raw: Record<string, unknown> = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, namespaces: [] };
  const namespaces = raw.namespaces as Record<string, unknown>[];
  let ns: Record<string, unknown> | undefined;
  let section: string | undefined;
  let body: string[] = [];
  let bodyLine = 0;
  let unreadable = false;
  let error: string | undefined;
  const flush = () => {
    if (!ns || !section) return;
    const text = body.join('\n').trim();
    if (unreadable) (ns.unreadable as Record<string, string>)[section] = text || 'could not be read';
    else if (section === 'iptables') ns.iptables = text ? `${text}\n` : '';
    else if (section === 'sysctl') {
      const out: Record<string, string> = {};
      for (const l of body) {
        const m = /^\/proc\/sys\/(net\/[^:]+):(.*)$/.exec(l);
        if (m) out[m[1].replace(/\//g, '.')] = m[2].trim();
      }
      ns.sysctl = out;
    } else if ((SECTIONS as readonly string[]).includes(section)) {
      if (text === '') ns[section] = [];
      else {
        try {
          ns[section as Section] = JSON.parse(text);
        } catch (e) {
          error ??= `line ${bodyLine}: the "${section}" section is not JSON (${(e as Error).message})`;
        }
      }
    }
  };
  for (let i = first + 1; i < lines.length && !error; i++) {
    const l = lines[i];
    if (!l.startsWith('@@')) { body.push(l); continue; }
    const m = /^@@(\S+)(?: (.*))?$/.exec(l.trimEnd());
    const tag = m?.[1] ?? '';
    if (tag === 'unreadable') { unreadable = true; continue; }
    flush();
    section = undefined; body = []; unreadable = false; bodyLine = i + 2;
    if (tag === 'kernel') raw.kernel = m?.[2] ?? '';
    else if (tag === 'ns') {
      const w = (m?.[2] ?? '').split(' ');
      ns = { kind: w[0], unreadable: {} };
      if (w[0] === 'root') ns.name = '';
      else if (w[0] === 'netns') ns.name = unhex(w[1] ?? '');
      else if (w[0] === 'process') { ns.pid = Number(w[1]); ns.comm = unhex(w[2] ?? ''); ns.name = processNamespaceName(String(ns.comm ?? ''), Number(w[1])); }
      if (ns.name === undefined) error = `line ${i + 1}: a namespace line the collector does not write: ${l.slice(0, 80)}`;
      namespaces.push(ns);
    } else if (ns && ((SECTIONS as readonly string[]).includes(tag) || tag === 'sysctl' || tag === 'iptables')) section = tag;
    else error = `line ${i + 1}: unexpected "${l.slice(0, 60)}"`;
  }
  flush();
  if (error) return { ok: false, error };
  return validate(raw, 'dump');
}

/** A name for a namespace only a process holds (a container's): its command and pid, as a netns name. */
export function processNamespaceName(comm: string, pid: number): string {
  const base = comm.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 32) || 'process';
  return `${base}-${pid}`;
}

function validate(raw: unknown, what: string): ParseResult {
  const r = SnapshotSchema.safeParse(raw);
  if (r.success) return { ok: true, snapshot: r.data };
  const issue = r.error.issues[0];
  const at = issue.path.length ? issue.path.map(String).join('.') : 'the top level';
  return { ok: false, error: `${what}: ${at}: ${issue.message}` };
}

/** Reads a snapshot file's text: the JSON `vnetlab snapshot` writes, or a pasted dump. */
export function parseSnapshotText(text: unknown): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: 'a snapshot is text' };
  if (text.length > MAX_TEXT) return { ok: false, error: `the snapshot is larger than ${MAX_TEXT / 1024 / 1024} MiB` };
  const t = text.replace(/^\ufeff/, '');
  if (isDump(t)) return parseDump(t);
  let raw: unknown;
  try {
    raw = JSON.parse(t);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== SNAPSHOT_FORMAT) {
    return { ok: false, error: `not a vnetlab snapshot (expected "format": "${SNAPSHOT_FORMAT}")` };
  }
  const v = (raw as { version?: unknown }).version;
  if (v !== SNAPSHOT_VERSION) return { ok: false, error: `snapshot version ${JSON.stringify(v)} is not supported (this vnetlab reads version ${SNAPSHOT_VERSION})` };
  return validate(raw, 'snapshot');
}

/** The snapshot file's text (stable key order as built). */
export function serializeSnapshot(s: Snapshot): string {
  return `${JSON.stringify(s, null, 1)}\n`;
}
