import { describe, expect, it } from 'vitest';
import { formatDoctor, type DoctorReport } from './doctor';

const report = (over: Partial<DoctorReport> = {}): DoctorReport => ({
  host: { release: '6.18.44', version: '#1 SMP', root: true, kinds: { source: 'probed', kinds: [{ key: 'veth', supported: true }, { key: 'vlan', supported: false, why: 'Unknown device type.' }] } },
  vm: { kernel: { image: '/boot/vmlinuz-6.1.0-57-amd64', release: '6.1.0-57-amd64' }, accel: 'tcg', kinds: { source: 'last boot', kinds: [{ key: 'vlan', supported: true }] } },
  tools: [{ name: 'ip', use: 'build networks', path: '/usr/sbin/ip', pkg: 'iproute2' }],
  install: [],
  ...over,
});

describe('doctor report', () => {
  it('lists both kernels with the link types each has and where the answer comes from', () => {
    const t = formatDoctor(report()).join('\n');
    expect(t).toContain('host kernel: 6.18.44');
    expect(t).toMatch(/yes: veth\n {4}no: {2}vlan\n {4}\(probed\)/);
    expect(t).toContain('VM kernel: 6.1.0-57-amd64 (/boot/vmlinuz-6.1.0-57-amd64), under qemu with tcg');
    expect(t).toMatch(/link types in the VM:\n {4}yes: vlan\n {4}\(last boot\)/);
    expect(t).toContain('nothing missing');
  });

  it('names a missing tool with its package and gives the install lines', () => {
    const t = formatDoctor(report({
      vm: { kernel: null, accel: 'tcg', kinds: null },
      tools: [{ name: 'qemu-system-x86_64', use: 'the VM', path: null, pkg: 'qemu-system-x86' }],
      install: ['INITRD=No apt-get install --no-install-recommends qemu-system-x86 linux-image-amd64   # for verify --vm'],
    })).join('\n');
    expect(t).toContain('VM kernel: none found');
    expect(t).toContain('MISSING qemu-system-x86_64');
    expect(t).toContain('package qemu-system-x86');
    expect(t).toContain('  INITRD=No apt-get install --no-install-recommends qemu-system-x86 linux-image-amd64');
  });
});
