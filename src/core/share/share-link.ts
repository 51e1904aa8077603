/**
 * Designs carried in a link: the JSON document compressed with lz-string into the URL hash
 * (`#d=…`). Decoding is defensive because a link is untrusted input: its size is bounded
 * before and after decompression, the document must pass the schema, and every name must obey
 * the rules the app applies to names it creates. Names are only ever rendered as text (React
 * text nodes, escaped SVG), so a name that looks like markup stays a name.
 */
import * as lzModule from 'lz-string';
import { interfaceNameProblem, namespaceNameProblem } from '../model/names';
import { parseDesign } from '../model/schema';
import { LAN_NS_PREFIX } from '../world/sandbox-world';
import type { Design } from '../model/types';

/** The hash key under which a design travels: `#d=<payload>`. */
export const SHARE_KEY = 'd';
/** Longest payload accepted (characters of the compressed form); browsers cap URLs near here anyway. */
export const MAX_SHARE_PAYLOAD = 200_000;
/** Longest decompressed document accepted (characters of JSON). */
export const MAX_SHARE_JSON = 2_000_000;

// lz-string is a UMD module: bundlers expose its functions by name, Node only as `default`
const lz = ((lzModule as { default?: typeof lzModule }).default ?? lzModule) as typeof lzModule;

export type ShareDecodeResult = { ok: true; design: Design } | { ok: false; error: string };

/** The URL-safe payload for `design` (goes after `#d=`). */
export function encodeShare(design: Design): string {
  return lz.compressToEncodedURIComponent(JSON.stringify(design));
}

/** The `#d=…` hash for `design`. */
export function shareHash(design: Design): string {
  return `#${SHARE_KEY}=${encodeShare(design)}`;
}

/** The payload of a `#d=…` hash, or undefined when the hash carries no design. */
export function payloadOfHash(hash: string): string | undefined {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) {
    if (part.startsWith(`${SHARE_KEY}=`)) return part.slice(SHARE_KEY.length + 1);
  }
  return undefined;
}

/**
 * Why a name in a shared design is refused, or undefined. A link carries exactly the names the
 * app itself accepts (the kernel's rules, as validation and the inspector apply them), so
 * whatever can be designed and exported can be shared: `$(reboot)` is a valid namespace name,
 * quoted in every script and shown as text on every label.
 */
function nameProblem(kind: 'host' | 'namespace' | 'device' | 'LAN', name: string): string | undefined {
  switch (kind) {
    case 'device': return interfaceNameProblem(name);
    case 'host': case 'namespace': return namespaceNameProblem(name) ?? (/\s/u.test(name) && kind === 'host' ? `the machine name ${JSON.stringify(name)} holds whitespace` : undefined);
    case 'LAN': return namespaceNameProblem(LAN_NS_PREFIX + name) ?? (/\s/u.test(name) || name === '' ? `the LAN segment name ${JSON.stringify(name)} is not a single word` : undefined);
  }
}

/** Every name problem of `design` (hosts, namespaces, devices, LAN segments). */
export function unsafeNames(design: Design): string[] {
  const out: string[] = [];
  const check = (kind: Parameters<typeof nameProblem>[0], name: string) => { const p = nameProblem(kind, name); if (p) out.push(p); };
  for (const h of design.hosts) {
    check('host', h.name);
    for (const n of h.namespaces) check('namespace', n.name);
    for (const d of h.devices) check('device', d.name);
  }
  for (const l of design.lans) check('LAN', l.name);
  return out;
}

/** Reads a shared payload back into a design, or says why the link is refused. Never throws. */
export function decodeShare(payload: string): ShareDecodeResult {
  if (!payload) return { ok: false, error: 'the link holds no design' };
  if (payload.length > MAX_SHARE_PAYLOAD) return { ok: false, error: `the link is too long (${payload.length} characters; at most ${MAX_SHARE_PAYLOAD})` };
  if (!/^[A-Za-z0-9+\-$]+$/.test(payload)) return { ok: false, error: 'the link is damaged: it holds characters a design link never has' };
  let json: string | null;
  try {
    json = lz.decompressFromEncodedURIComponent(payload);
  } catch {
    json = null;
  }
  if (!json) return { ok: false, error: 'the link is damaged: it does not decompress to a design' };
  if (json.length > MAX_SHARE_JSON) return { ok: false, error: 'the design in the link is too large' };
  const parsed = parseDesign(json, 'link');
  if (!parsed.design) {
    const first = parsed.diagnostics.find((d) => d.level === 'error');
    return { ok: false, error: `the link does not hold a valid design: ${first?.message ?? 'unknown problem'}` };
  }
  const names = unsafeNames(parsed.design);
  if (names.length) return { ok: false, error: `the link was refused: ${names[0]}` };
  return { ok: true, design: parsed.design };
}
