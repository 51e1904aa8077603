#!/usr/bin/env bash
# Installs the Debian packages the test suite uses, when they are missing and we are root:
# chromium (browser tests), iproute2/iputils-ping/arping/tcpdump/iptables/bridge-utils
 # (kernel tests; netcat-openbsd and traceroute for the tcp/udp/traceroute probes), shellcheck (exported scripts), tshark (pcap checks).
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
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
