import type { PingOutcome } from '../../../worker/protocol';

/** The four outcomes of a ping, as the class votes on them. */
export const OUTCOMES: { value: PingOutcome; label: string }[] = [
  { value: 'reply', label: 'Reply' },
  { value: 'host-unreachable', label: 'Host unreachable' },
  { value: 'no-reply', label: 'No reply' },
  { value: 'network-unreachable', label: 'Network unreachable' },
];

/** The label of an outcome. */
export function outcomeLabel(o: PingOutcome): string {
  return OUTCOMES.find((x) => x.value === o)?.label ?? o;
}
