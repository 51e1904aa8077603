/**
 * Designs as users make them on the canvas (the palette's default names, eth0 in every
 * namespace, iproute2 keywords as names): every device is made where it belongs, with
 * `name`/`dev` written out, so no name is ever read as a keyword or clashes on the way.
 */
import { describe, expect, it } from 'vitest';
import { addAddress, addDevice, addMachine, moveDevice, rename } from '../../model/edit';
import { Bench } from '../../model/edit/test-support';
import { validateDesign } from '../../model/validate';
import { exportDesign, exportScripts } from './index';

const lines = (b: Bench) => exportScripts(b.design, { mode: 'setup' })[0].text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('exporting designs made with the canvas commands', () => {
  it('makes each default-named macvlan0 from the NIC\'s namespace straight into its own', () => {
    const b = new Bench();
    const eth0 = b.device('physical');
    const lan = b.lan();
    b.link(eth0, lan, 'lan');
    const ns1 = b.namespace();
    const ns2 = b.namespace();
    for (const [ns, ip] of [[ns1, '192.168.0.101/24'], [ns2, '192.168.0.102/24']]) {
      const mv = b.device('macvlan', ns);
      b.link(mv, eth0, 'parent');
      b.apply((d) => addAddress(d, mv, { cidr: ip }));
    }
    expect(b.design.hosts[0].devices.filter((d) => d.kind === 'macvlan').map((d) => d.name)).toEqual(['macvlan0', 'macvlan0']);
    expect(validateDesign(b.design).filter((d) => d.level === 'error')).toEqual([]);
    const l = lines(b);
    expect(l).toContain("ip link add link 'eth0' name 'macvlan0' netns 'ns1' type macvlan mode vepa");
    expect(l).toContain("ip link add link 'eth0' name 'macvlan0' netns 'ns2' type macvlan mode vepa");
    expect(l.some((x) => x.startsWith("ip -n 'ns2' link add link 'eth0'"))).toBe(false);
  });

  it('writes name/dev before names that are iproute2 keywords', () => {
    const b = new Bench();
    const names = ['br', 'help', 'up', 'dev', 'name', 'type', 'link', 'master', 'address'];
    const ids = names.map(() => b.device('bridge'));
    ids.forEach((id, i) => b.apply((d) => rename(d, id, names[i])));
    const l = lines(b);
    for (const n of names) {
      expect(l).toContain(`ip link add name '${n}' type bridge`);
      expect(l).toContain(`ip link set dev '${n}' up`);
    }
  });

  it('gives every namespace its own eth0, made there, never passing through another namespace', () => {
    const b = new Bench();
    const nss = [b.namespace(), b.namespace(), b.namespace()];
    for (const ns of nss) {
      const [a, peer] = b.apply((d, ids) => addDevice(d, 'veth', b.rootNs, { x: 0, y: 0 }, ids));
      b.apply((d) => moveDevice(d, peer, ns));
      b.apply((d) => rename(d, peer, 'eth0'));
      b.apply((d) => rename(d, a, `v-${b.design.hosts[0].namespaces.find((n) => n.id === ns)!.name}`));
    }
    expect(validateDesign(b.design).filter((d) => d.level === 'error')).toEqual([]);
    const l = lines(b);
    expect(l).toContain("ip link add name 'v-ns1' type veth peer name 'eth0' netns 'ns1'");
    expect(l).toContain("ip link add name 'v-ns3' type veth peer name 'eth0' netns 'ns3'");
    expect(l.filter((x) => x.includes('link set') && x.includes('netns'))).toEqual([]);
  });

  it('refuses, with the reason, an external machine whose NIC is not eth0 (the header cannot name it)', () => {
    const b = new Bench();
    const eth0 = b.device('physical');
    const lan = b.lan();
    b.link(eth0, lan, 'lan');
    const [peer] = b.apply((d, ids) => addMachine(d, 'external', { x: 0, y: 0 }, ids));
    const nic = b.design.hosts.find((h) => h.id === peer)!.devices.find((d) => d.kind === 'physical')!;
    b.link(nic.id, lan, 'lan');
    b.apply((d) => rename(d, nic.id, 'help'));
    const r = exportDesign(b.design, { mode: 'setup' });
    expect(r.scripts).toEqual([]);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(/NIC of external machine peer1 is named "help"/);
  });
});
