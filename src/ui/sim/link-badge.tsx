/**
 * On every device node: the link as the kernel reports it (`ip link`): operstate, and
 * NO-CARRIER when the device is up without a link, so a NIC without a cable, or the macvlan
 * on it, no longer looks healthy. Read from the simulator, which applies the kernel's carrier
 * rules (core/sim/link-state.ts).
 */
import { memo } from 'react';
import type { Id } from '../../core/model/types';
import { useSimStore } from './sim-store';

function LinkBadgeView({ id }: { id: Id }) {
  const link = useSimStore((s) => s.links[id]);
  if (!link) return null;
  // ip link prints NO-CARRIER for a device that is up (IFF_UP) without a link
  const noCarrier = link.up && !link.carrier;
  const text = noCarrier ? 'NO-CARRIER' : link.operstate;
  const cls = noCarrier ? 'no-carrier' : link.operstate === 'DOWN' ? 'down' : 'up';
  return (
    <span className={`link-state ${cls}`} data-testid="link-state" data-operstate={link.operstate} data-carrier={String(link.carrier)}
      title={`operstate ${link.operstate}, carrier ${link.carrier ? 'on' : 'off'} (as ip link shows it)`}>
      {text}
    </span>
  );
}

export const LinkBadge = memo(LinkBadgeView);
