import { describe, expect, it } from 'vitest';
import { importScript } from './index';
import { savedTestLines } from './saved-tests';

describe('saved tests as script lines again', () => {
  it('renders each probe in the namespace it ran in, and imports back to the same tests', () => {
    const script = 'ip netns add a\nip link add d type dummy\nip netns exec a ping -c 2 -W 1 10.0.0.2\nping -c 1 -I d 10.0.0.3\narping -c 1 -w 2 -I d 10.0.0.4\nip -n a neigh flush dev lo\n';
    const first = importScript(script).design.tests ?? [];
    const lines = savedTestLines(first);
    expect(lines).toEqual([
      'ip netns exec a ping -n -c 2 -W 1 10.0.0.2',
      'ping -n -c 1 -W 3.5 -I d 10.0.0.3',
      'arping -c 1 -w 2 -I d 10.0.0.4',
      'ip netns exec a ip neigh flush dev lo',
    ]);
    const again = importScript(`ip netns add a\nip link add d type dummy\n${lines.join('\n')}\n`).design.tests ?? [];
    expect(again.map((t) => t.probe)).toEqual(first.map((t) => t.probe).map((p) => p.replace('ping host 10.0.0.3 count=1 iface=d', 'ping host 10.0.0.3 count=1 wait=3.5 iface=d')));
  });

  it('leaves out what is not a script line', () => {
    expect(savedTestLines([{ id: 't', probe: 'ping host' }, { id: 'u', probe: 'capture host eth0' }, { id: 'v', probe: 'neigh-del b 10.0.0.1' }])).toEqual(['ip netns exec b arp -d 10.0.0.1']);
  });
});
