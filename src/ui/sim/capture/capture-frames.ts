/** The frames a capture on one interface sees (its taps see both directions), as tcpdump text and pcap. */
import { writePcap } from '../../../core/capture/pcap';
import { formatTcpdump } from '../../../core/capture/tcpdump';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { isIpv6 } from '../../../core/capture/describe';

export interface CapturedFrame {
  index: number;
  t: number;
  frame: Uint8Array;
}

/** Frames sent or received on `ns:dev`, in trace order; `noIpv6` leaves IPv6 out as the harness does. */
export function framesOn(events: readonly TraceEvent[], iface: string, noIpv6 = false): CapturedFrame[] {
  const out: CapturedFrame[] = [];
  events.forEach((e, index) => {
    if ((e.kind === 'frame-tx' || e.kind === 'frame-rx') && `${e.at.ns}:${e.at.dev}` === iface && !(noIpv6 && isIpv6(e.frame))) out.push({ index, t: e.t, frame: e.frame });
  });
  return out;
}

/** `tcpdump -e -n` lines of the frames. */
export function tcpdumpText(frames: readonly CapturedFrame[]): string {
  return frames.map((f) => formatTcpdump(f.frame, f.t)).join('\n');
}

/** A classic pcap file of the frames (nanosecond time stamps from the virtual clock). */
export function pcapOf(frames: readonly CapturedFrame[]): Uint8Array {
  return writePcap(frames.map((f) => ({ timeNs: f.t, bytes: f.frame })));
}
