/**
 * What an imported script's history left in a design (`Device.ifindex`, `Device.linkWatchOper`)
 * describes how that script built the network, not the network. A design built another way
 * (its exported script, which makes every device where it belongs) has its own history, so
 * it is simulated without these.
 */
import type { Design } from './types';

/** A copy of `design` without the importing script's build history. */
export function withoutScriptHistory(design: Design): Design {
  return {
    ...design,
    hosts: design.hosts.map((h) => ({
      ...h,
      devices: h.devices.map((d) => {
        if (d.ifindex === undefined && d.linkWatchOper === undefined) return d;
        const copy = { ...d };
        delete copy.ifindex;
        delete copy.linkWatchOper;
        return copy;
      }),
    })),
  };
}
