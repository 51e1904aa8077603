import { describe, expect, it } from 'vitest';
import { guestMain, initScript } from './guest-scripts';
import { qemuArgs } from './qemu';

const plan = {
  qemu: '/usr/bin/qemu-system-x86_64', kernelImage: '/boot/vmlinuz-6.1.0-57-amd64', initramfs: '/c/i.cpio.gz',
  jobDir: '/tmp/job,1', consoleFile: '/tmp/job,1/console.log', cpus: 2, memoryMiB: 2048, kvm: false,
};

describe('qemu command line', () => {
  it('gives the guest no network device, no display and no monitor', () => {
    const a = qemuArgs(plan);
    expect(a).toContain('-nodefaults');
    expect(a.join(' ')).toContain('-nic none');
    expect(a.some((x) => /^-(netdev|device)$/.test(x))).toBe(false);
    expect(a.join(' ')).toContain('-display none -monitor none');
  });

  it('shares / read-only and only the job folder read-write, with commas in paths doubled', () => {
    const shares = qemuArgs(plan).filter((_, i, a) => a[i - 1] === '-virtfs');
    expect(shares).toHaveLength(2);
    expect(shares[0]).toMatch(/^local,path=\/,mount_tag=vnetlab-host,.*readonly=on/);
    expect(shares[1]).toBe('local,path=/tmp/job,,1,mount_tag=vnetlab-job,security_model=none,multidevs=remap');
    expect(qemuArgs(plan)).toContain('file:/tmp/job,,1/console.log');
  });

  it('uses TCG unless KVM was asked for', () => {
    expect(qemuArgs(plan).join(' ')).toContain('-accel tcg,thread=multi');
    expect(qemuArgs({ ...plan, kvm: true }).join(' ')).toContain('-accel kvm');
  });
});

describe('guest programs', () => {
  it('the init mounts the host tree read-only under a tmpfs overlay and switches root', () => {
    const s = initScript(['virtio.ko', '9p.ko']);
    expect(s).toContain("for m in 'virtio.ko' '9p.ko'; do insmod");
    expect(s).toMatch(/mount -t 9p -o trans=virtio,version=9p2000\.L,ro,.* vnetlab-host \/lower/);
    expect(s).toContain('mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work');
    expect(s).toContain('exec switch_root /newroot /bin/bash /vnetlab-job/guest-main.sh');
  });

  it('the guest loads modules without their default devices and keeps tunnels out of new namespaces', () => {
    const s = guestMain({ modules: ['dummy', 'bonding', '8021q'], node: '/usr/bin/node' });
    expect(s).toContain("load 'dummy' numdummies=0");
    expect(s).toContain("load 'bonding' max_bonds=0");
    expect(s).toContain("load '8021q'\n");
    expect(s).toContain('net.core.fb_tunnels_only_for_init_net=2');
    expect(s).toContain("'/usr/bin/node' \"$J/guest.mjs\" \"$J\"");
    expect(s).toContain('echo o > /proc/sysrq-trigger');
  });
});
