/**
 * The two shell programs of the guest. `initScript` is PID 1 inside the initramfs (busybox
 * sh): it reaches this machine's file tree over virtio-9p, read-only, puts a tmpfs overlay
 * on it so the guest may write anywhere without touching the host, mounts the job folder
 * (the only writable share) and switches root. `guestMain` then runs as PID 1 of that root
 * (bash from this machine): it mounts the usual file systems, loads the kernel modules of the
 * device kinds, runs the guest's Node entry (guest.ts) on the job, and powers off.
 */
import { shq } from '../../core/iproute2/export/shell-quote';

/** 9p mount tags: this machine's `/` (read-only) and the job folder (read-write). */
export const HOST_TAG = 'vnetlab-host';
export const JOB_TAG = 'vnetlab-job';
/** Where the job folder appears inside the guest. */
export const GUEST_JOB_DIR = '/vnetlab-job';

/** The guest's PID 1 in the initramfs; `modules` are the .ko file names under /mods, in load order. */
export function initScript(modules: readonly string[]): string {
  return `#!/bin/sh
# Reach the host's tree over 9p, overlay it with tmpfs, switch into it. Any failure powers off.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
fail() { echo "vnetlab-init: FAILED: $*"; echo o > /proc/sysrq-trigger; sleep 30; }
for m in ${modules.map(shq).join(' ')}; do insmod "/mods/$m" || echo "vnetlab-init: insmod $m failed"; done
i=0
until mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 ${HOST_TAG} /lower; do
  i=$((i + 1)); [ $i -lt 25 ] || fail "cannot mount the host share"; sleep 0.2
done
mount -t tmpfs -o size=1536m,mode=755 vnetlab-rw /rw || fail "tmpfs"
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work vnetlab-root /newroot || fail "overlay root"
mkdir -p /newroot${GUEST_JOB_DIR}
mount -t 9p -o trans=virtio,version=9p2000.L,cache=none,msize=262144 ${JOB_TAG} /newroot${GUEST_JOB_DIR} || fail "cannot mount the job share"
[ -f /newroot${GUEST_JOB_DIR}/guest-main.sh ] || fail "no guest-main.sh in the job share"
umount /proc /sys
mount --move /dev /newroot/dev || umount /dev
exec switch_root /newroot /bin/bash ${GUEST_JOB_DIR}/guest-main.sh
fail "switch_root"
`;
}

/** Module options: without them these modules make devices (dummy0, bond0) on load. */
const MODULE_OPTIONS: Record<string, string> = { dummy: 'numdummies=0', bonding: 'max_bonds=0', ifb: 'numifbs=0' };

/** The guest's PID 1 after switch_root; loads `modules`, runs `node guest.mjs JOBDIR`, powers off. */
export function guestMain(opts: { modules: readonly string[]; node: string }): string {
  const J = GUEST_JOB_DIR;
  const loads = opts.modules.map((m) => `load ${shq(m)}${MODULE_OPTIONS[m] ? ` ${MODULE_OPTIONS[m]}` : ''}`);
  return `#!/bin/bash
# PID 1 of the guest after switch_root (written per boot by src/kernel/vm/batch.ts).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=/root
J=${J}
off() { sync; umount "$J" 2>/dev/null; echo o > /proc/sysrq-trigger; sleep 30; }
trap off EXIT
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
# /tmp stays the host's, under the overlay: a design's own files there are visible
for d in /run /dev/shm; do mount -t tmpfs -o mode=1777 tmpfs "$d"; done
chmod 755 /run; mkdir -p /run/lock /run/tmp
# the sandboxes' results folders: tmpfs, not the overlay on 9p
export TMPDIR=/run/tmp
hostname vnetlab-vm
ip link set lo up
up() { cut -d' ' -f1 /proc/uptime; }
echo "vnetlab-guest: userland at $(up) s, kernel $(uname -r)"
echo "userland $(up)" > "$J/times"
# tunnel modules (ip_gre, ipip ...) would put fallback devices (gre0, tunl0) in every new
# network namespace; 2 = in none at all, so a sandbox starts with lo only
sysctl -qw net.core.fb_tunnels_only_for_init_net=2
: > "$J/modules.txt"
load() { if modprobe "$@" 2>>"$J/modules.err"; then echo "$1" >> "$J/modules.txt"; fi; }
${loads.join('\n')}
echo "modules $(up)" >> "$J/times"
echo "vnetlab-guest: modules loaded at $(up) s: $(tr '\\n' ' ' < "$J/modules.txt")"
${shq(opts.node)} "$J/guest.mjs" "$J" > "$J/guest.log" 2>&1
echo "node-exit $?" >> "$J/times"
echo "jobs $(up)" >> "$J/times"
echo "vnetlab-guest: jobs done at $(up) s"
`;
}
