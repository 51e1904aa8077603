#!/usr/bin/env bash
# Installs the Debian packages the test suite uses, when they are missing and we are root:
# chromium (browser tests), iproute2/iputils-ping/arping/tcpdump/iptables/bridge-utils
# (kernel tests; netcat-openbsd and traceroute for the tcp/udp/traceroute probes), shellcheck
# (exported scripts), tshark (pcap checks), and for the VM kernel tests a distribution kernel
# with qemu to boot it (qemu-system-x86, linux-image-amd64, busybox-static, kmod; see
# src/kernel/README.md).
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have chromium || [ -x /usr/bin/chromium ] || need+=(chromium)
have ip || need+=(iproute2)
have ping || need+=(iputils-ping)
have arping || need+=(arping)
have tcpdump || need+=(tcpdump)
have iptables || need+=(iptables)
have brctl || need+=(bridge-utils)
have shellcheck || need+=(shellcheck)
have tshark || need+=(tshark)
have unshare || need+=(util-linux)
have nc || need+=(netcat-openbsd)
have traceroute || need+=(traceroute)
have qemu-system-x86_64 || need+=(qemu-system-x86)
have modprobe || [ -x /sbin/modprobe ] || [ -x /usr/sbin/modprobe ] || need+=(kmod)
# a kernel image with its module tree (the VM boots it; the machine's own kernel is untouched)
kernel_found=no
for k in /boot/vmlinuz-*; do [ -f "$k" ] && [ -f "/lib/modules/${k#/boot/vmlinuz-}/modules.dep" ] && kernel_found=yes; done
[ $kernel_found = yes ] || need+=(linux-image-amd64)
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || need+=(busybox-static)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing Debian packages: ${need[*]} (not root, so not installing; tests that need them will say so)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# tshark asks whether non-root users may capture; the answer does not matter here.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
# INITRD=No: the VM brings its own tiny initramfs, so the kernel package need not build one
INITRD=No apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
