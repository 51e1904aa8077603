/**
 * Captures from the trace: tcpdump on NS:DEV records every frame the device's taps see
 * (tx and rx) between the start and the stop of the captures; IPv6 is left out as the
 * harness does; each frame carries the index of the probe whose window it fell in.
 */
import type { Capture, ObservedFrame } from '../../observation/types';
import { describeFrame, isIpv6, type MacLabeler } from '../../capture/describe';
import type { CaptureSpec } from '../../world/probes';
import type { Trace } from '../engine/trace';

export interface CaptureWindow {
  start: number;
  stop: number;
  /** Start time of each probe. */
  probeStarts: number[];
}

/** What a capture spec names: missing, an Ethernet device, or one without link-layer header (tun). */
export type CaptureTarget = 'missing' | 'down' | 'ethernet' | 'raw';

/** Builds `captures` for the given specs from the trace. */
export function buildCaptures(trace: Trace, specs: CaptureSpec[], target: (ns: string, dev: string) => CaptureTarget, w: CaptureWindow, label: MacLabeler): Record<string, Capture> {
  const out: Record<string, Capture> = {};
  const wanted = new Map<string, ObservedFrame[]>();
  for (const s of specs) {
    const key = `${s.ns}:${s.dev}`;
    const t = target(s.ns, s.dev);
    if (t === 'missing') {
      out[key] = { error: '(No such device exists)' };
      continue;
    }
    if (t === 'down') {
      // libpcap refuses to activate a capture on an admin-down interface
      out[key] = { error: `${s.dev}: That device is not up` };
      continue;
    }
    if (t === 'raw') {
      // tcpdump writes LINKTYPE_RAW for a tun device; the harness decodes only Ethernet
      out[key] = { error: 'linktype 101 not decoded' };
      continue;
    }
    const frames: ObservedFrame[] = [];
    wanted.set(key, frames);
    out[key] = { frames };
  }
  if (wanted.size === 0) return out;
  trace.forEachFrame((t, _kind, at, frame) => {
    if (t < w.start || t > w.stop) return;
    const frames = wanted.get(`${at.ns}:${at.dev}`);
    if (!frames || isIpv6(frame)) return;
    let probe = -1;
    for (let i = 0; i < w.probeStarts.length; i++) if (t >= w.probeStarts[i]) probe = i;
    frames.push({ probe, ...describeFrame(frame, label) } as ObservedFrame);
  });
  return out;
}
