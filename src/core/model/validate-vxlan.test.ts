import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import';
import { validateDesign as validate } from './validate';
import type { VxlanDevice } from './types';

/** A design as the script makes it, then edited the way the inspector edits a field. */
function designWith(edit: (vx: VxlanDevice) => void) {
  const { design } = importScript([
    'ip link add eth0 type veth peer name eth1',
    'ip link add vxlan0 type vxlan id 42 dstport 4789 remote 192.168.1.2 dev eth0',
  ].join('\n'));
  const vx = design.hosts[0].devices.find((d) => d.kind === 'vxlan') as VxlanDevice;
  edit(vx);
  return validate(design).filter((d) => d.code?.startsWith('vxlan'));
}

describe('VXLAN validation', () => {
  it('accepts the device ip made', () => {
    expect(designWith(() => {})).toEqual([]);
  });

  it('refuses what ip and the kernel refuse, with their messages', () => {
    expect(designWith((v) => { v.vni = 16777216; })[0].message).toContain('invalid id');
    expect(designWith((v) => { v.group = '239.1.1.1'; })[0].message).toContain('both group and remote cannot be specified');
    expect(designWith((v) => { v.remote = '239.1.1.1'; })[0].message).toContain('invalid remote address');
    expect(designWith((v) => { v.ttl = 256; })[0].message).toContain('TTL must be <= 255');
    expect(designWith((v) => { delete v.remote; delete v.underlay; v.group = '239.1.1.1'; }).map((d) => d.code)).toContain('vxlan-group-needs-dev');
  });

  it('refuses a second device with the same VNI and port in one namespace', () => {
    const { design } = importScript('ip link add vx0 type vxlan id 1 dstport 4789\nip link add vx1 type vxlan id 2 dstport 4789');
    const vx1 = design.hosts[0].devices.find((d) => d.name === 'vx1') as VxlanDevice;
    vx1.vni = 1;
    expect(validate(design).map((d) => d.code)).toContain('vxlan-duplicate-vni');
  });

  it('warns about the default port and a device with nowhere to send broadcasts', () => {
    const codes = designWith((v) => { delete v.dstport; delete v.remote; v.up = true; }).map((d) => d.code);
    expect(codes).toEqual(['vxlan-default-port', 'vxlan-no-remote']);
  });
});
