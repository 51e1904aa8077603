/**
 * ICMP output rate limits (net/ipv4/icmp.c icmpv4_xrlim_allow, net/ipv4/inetpeer.c
 * inet_peer_xrlim_allow, net/ipv4/route.c ip_rt_send_redirect). Errors of the types in
 * icmp_ratemask (destination unreachable, time exceeded, …) go through a per-destination
 * token bucket: 1 s per message (icmp_ratelimit), at most 6 s of credit, and a fresh peer
 * starts with full credit. Errors towards the host itself (loopback) are never limited.
 * Redirects back off exponentially: 20 ms << n after the n-th, none after 9 until 20 s of quiet.
 */
import type { Sim, SimNs } from '../model';

const SECOND = 1e9;
const RATELIMIT_NS = 1 * SECOND;
const BURST_FACTOR = 6;
/** icmp_ratemask 0x1818: types 3, 4, 11, 12. */
const RATEMASK = 0x1818;
const REDIRECT_LOAD_NS = 20e6;
const REDIRECT_NUMBER = 9;
const REDIRECT_SILENCE_NS = REDIRECT_LOAD_NS * 2 ** 10;

interface Bucket { tokens: number; last: number }
interface RedirectState { count: number; last: number }

const buckets = new WeakMap<SimNs, Map<number, Bucket>>();
const redirects = new WeakMap<SimNs, Map<number, RedirectState>>();

/** Whether `ns` may send an ICMP error of `type` to `dst` now (consumes a token if so). */
export function icmpErrorAllowed(sim: Sim, ns: SimNs, dst: number, type: number, towardsSelf: boolean): boolean {
  if (towardsSelf || !((RATEMASK >>> type) & 1)) return true;
  let m = buckets.get(ns);
  if (!m) buckets.set(ns, (m = new Map()));
  const now = sim.engine.now;
  let b = m.get(dst);
  if (!b) m.set(dst, (b = { tokens: 0, last: now - 60 * SECOND }));
  let token = b.tokens + (now - b.last);
  b.last = now;
  if (token > BURST_FACTOR * RATELIMIT_NS) token = BURST_FACTOR * RATELIMIT_NS;
  const ok = token >= RATELIMIT_NS;
  if (ok) token -= RATELIMIT_NS;
  b.tokens = token;
  return ok;
}

/** Whether a redirect to `dst` may be sent now (ip_rt_send_redirect's back-off). */
export function redirectAllowed(sim: Sim, ns: SimNs, dst: number): boolean {
  let m = redirects.get(ns);
  if (!m) redirects.set(ns, (m = new Map()));
  const now = sim.engine.now;
  let r = m.get(dst);
  if (!r) m.set(dst, (r = { count: 0, last: now }));
  if (now - r.last > REDIRECT_SILENCE_NS) r.count = 0;
  if (r.count >= REDIRECT_NUMBER) {
    r.last = now;
    return false;
  }
  if (r.count === 0 || now >= r.last + REDIRECT_LOAD_NS * 2 ** r.count) {
    r.count++;
    r.last = now;
    return true;
  }
  return false;
}
