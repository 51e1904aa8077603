/**
 * Effective IPv4 device settings (include/linux/inetdevice.h): some are the maximum of
 * `conf/all` and the device's own value, some are `all || dev`. A device's own value is
 * its explicit setting, else the namespace's `conf/default` value.
 */
import { SYSCTL_DEFAULTS } from '../../model/types';
import type { SimDev, SimNs } from '../model';

/** A namespace-wide sysctl by full name, falling back to the kernel default. */
export function nsSysctl(ns: SimNs, key: string): number {
  return ns.sysctls[key] ?? SYSCTL_DEFAULTS[key] ?? 0;
}

function devValue(dev: SimDev, key: string): number {
  const own = dev.sysctl[key];
  if (own !== undefined) return own;
  return nsSysctl(dev.ns, `net.ipv4.conf.default.${key}`);
}

function allValue(dev: SimDev, key: string): number {
  return nsSysctl(dev.ns, `net.ipv4.conf.all.${key}`);
}

// Settings never change while a simulation runs, so each device's effective values are
// computed once and kept on the device (this is on the per-packet path).

/** IN_DEV_CONF with "max" semantics (rp_filter, arp_ignore, arp_announce). */
export function confMax(dev: SimDev, key: string): number {
  const m = dev.confMaxCache ?? (dev.confMaxCache = new Map());
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = Math.max(allValue(dev, key), devValue(dev, key))));
  return v;
}

/** IN_DEV_ORCONF semantics (proxy_arp, arp_filter, accept_local, send_redirects). */
export function confOr(dev: SimDev, key: string): boolean {
  const m = dev.confOrCache ?? (dev.confOrCache = new Map());
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = allValue(dev, key) !== 0 || devValue(dev, key) !== 0));
  return v;
}

/**
 * Forwarding on a device. Writing `ip_forward` or `conf/all/forwarding` sets every device
 * (devinet_sysctl_forward), so a namespace-wide 1 means every device forwards unless the
 * device was explicitly set afterwards.
 */
export function forwarding(dev: SimDev): boolean {
  return dev.forwardingCache ?? (dev.forwardingCache = computeForwarding(dev));
}

function computeForwarding(dev: SimDev): boolean {
  const own = dev.sysctl.forwarding;
  if (own !== undefined) return own !== 0;
  const ns = dev.ns;
  return nsSysctl(ns, 'net.ipv4.ip_forward') !== 0 || nsSysctl(ns, 'net.ipv4.conf.all.forwarding') !== 0
    || (ns.sysctls['net.ipv4.conf.default.forwarding'] ?? 0) !== 0;
}
