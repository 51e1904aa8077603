/**
 * Probes the tools refuse before sending anything, with what they print and exit with, as
 * measured on the conformance harness's kernel (Linux 6.18, Habets arping 2.23, iproute2 6.1).
 */
import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';

function session(): SimSession {
  const b = new DesignBuilder();
  b.ns('x');
  // eth1 is up without an IPv4 address; p0 is a down end with none either
  b.veth('eth1', 'host', 'eth0', 'x', undefined, '10.8.0.2/24');
  const [p0] = b.veth('p0', 'host', 'p1', 'x');
  p0.up = false;
  return new SimSession(b.design, { seed: 1 });
}

function run(s: SimSession, h: ReturnType<SimSession['ping']>) {
  s.runUntilDone(h, seconds(10));
  return h.result!;
}

describe('probes the tools refuse', () => {
  it('arping from an interface without IPv4 address: refused, nothing sent (no "tell 0.0.0.0")', () => {
    const s = session();
    s.runUntil(seconds(1));
    const before = s.traceSince(0).length;
    const r = run(s, s.arping('host', 'eth1', '10.8.0.2'));
    expect(r).toMatchObject({ ok: false, rc: 1, replies: [], local_errors: [
      'arping: Unable to get the IPv4 address of interface eth1:',
      'arping: libnet_get_ipaddr4(): ioctl(): Cannot assign requested address',
      'arping: Use -S to specify address manually.',
    ] });
    expect(s.traceSince(before).some((e) => e.kind === 'frame-tx')).toBe(false);
  });

  it('arping on a down or missing interface: libnet_check_iface refuses it', () => {
    const s = session();
    expect(run(s, s.arping('host', 'p0', '10.8.0.2'))).toMatchObject({ rc: 1, local_errors: ['arping: libnet_init(LIBNET_LINK, p0): libnet_check_iface(): p0 is down'] });
    expect(run(s, s.arping('host', 'nope', '10.8.0.2'))).toMatchObject({ rc: 1, local_errors: ['arping: libnet_init(LIBNET_LINK, nope): libnet_check_iface() ioctl: No such device'] });
  });

  it('a probe in a namespace that does not exist: ip netns exec exits 255', () => {
    const s = session();
    expect(run(s, s.arping('bleu', 'eth0', '10.8.0.2'))).toMatchObject({ ok: false, rc: 255, local_errors: ['Cannot open network namespace "bleu": No such file or directory'] });
    // the harness keeps only "ping:" lines, so the ping result has no local error and counts as no reply
    expect(run(s, s.ping('bleu', '10.8.0.2'))).toMatchObject({ ok: false, rc: 255, local_errors: [], error: 'no_reply' });
  });
});
