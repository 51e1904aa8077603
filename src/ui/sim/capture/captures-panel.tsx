/** The Captures tab: `tcpdump -e -n` of any interface, its pcap, and the live tables of a namespace. */
import { useEffect, useMemo } from 'react';
import { ensureLoaded } from '../controller';
import { simEvents, useSimStore } from '../sim-store';
import { TablesView } from '../tables/tables-view';
import { framesOn, pcapOf, tcpdumpText } from './capture-frames';
import '../sim.css';

function download(iface: string, noIpv6: boolean) {
  const bytes = pcapOf(framesOn(simEvents, iface, noIpv6));
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${iface.replace(':', '-')}.pcap`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CapturesPanel() {
  const devices = useSimStore((s) => s.devices);
  const iface = useSimStore((s) => s.captureIface) ?? (devices[0] ? `${devices[0].ns}:${devices[0].dev}` : '');
  const version = useSimStore((s) => s.eventsVersion);
  const noIpv6 = useSimStore((s) => s.captureNoIpv6);
  useEffect(() => { ensureLoaded(); }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const frames = useMemo(() => framesOn(simEvents, iface, noIpv6), [version, iface, noIpv6]);
  return (
    <div className="sim-captures">
      <div className="sim-capture">
        <div className="sim-capture-bar">
          <label><code>tcpdump -e -n -i</code>{' '}
            <select data-testid="capture-iface" value={iface} onChange={(e) => useSimStore.setState({ captureIface: e.target.value })}>
              {devices.map((d) => <option key={`${d.ns}:${d.dev}`} value={`${d.ns}:${d.dev}`}>{d.ns}:{d.dev}</option>)}
            </select>
          </label>
          <label className="chip" title="The kernel's IPv6 link-up chatter (MLD, DAD), which the conformance harness leaves out too">
            <input type="checkbox" data-testid="capture-no-ipv6" checked={noIpv6} onChange={(e) => useSimStore.setState({ captureNoIpv6: e.target.checked })} /> hide IPv6
          </label>
          <span className="muted" data-testid="capture-count">{frames.length}</span>
          <button data-testid="capture-download" disabled={!iface} onClick={() => download(iface, noIpv6)} title="Download these frames as a pcap file (Wireshark, tcpdump -r)">.pcap</button>
        </div>
        <pre className="sim-tcpdump" data-testid="capture-text">{frames.length ? tcpdumpText(frames) : 'No frames on this interface yet.'}</pre>
      </div>
      <TablesView />
    </div>
  );
}
