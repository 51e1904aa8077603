/**
 * Kernel STP (IEEE 802.1D as net/bridge/br_stp.c, br_stp_bpdu.c, br_stp_timer.c do it):
 * configuration BPDUs on designated ports when a port is enabled and every hello time; on
 * receipt, `br_supersedes_port_info` → record → root and designated-port selection →
 * port-state selection. A port that is neither the root port nor designated is BLOCKING —
 * this is how STP breaks a loop (for example two ends of one veth pair on one bridge).
 * Topology-change notifications and message-age expiry are not modelled.
 */
import type { Sim, SimDev } from '../model';
import { devXmit } from '../dev-core';
import { macToBytes } from '../wire/mac';
import { seconds } from '../engine/time';

const HELLO_NS = seconds(2);
/** BR_DEFAULT_PORT_PRIORITY; a port id is priority << BR_PORT_BITS (10) | port number. */
const PORT_PRIORITY = 0x20;
const BRIDGE_PRIORITY = 0x8000;
const STP_GROUP = [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00];

/** A bridge or port's view of the spanning tree; ids are fixed-width hex so they compare as text. */
export interface StpPortInfo {
  portId: number;
  cost: number;
  desRoot: string;
  desCost: number;
  desBridge: string;
  desPort: number;
}

interface StpBridgeInfo {
  root: string;
  cost: number;
  rootPort?: SimDev;
  helloRunning: boolean;
  generationPending: boolean;
}

const bridges = new WeakMap<SimDev, StpBridgeInfo>();
const ports = new WeakMap<SimDev, StpPortInfo>();

function bridgeId(br: SimDev): string {
  return `${BRIDGE_PRIORITY.toString(16).padStart(4, '0')}${br.mac.replace(/:/g, '')}`;
}

function bridgeInfo(br: SimDev): StpBridgeInfo {
  let b = bridges.get(br);
  if (!b) bridges.set(br, (b = { root: bridgeId(br), cost: 0, helloRunning: false, generationPending: false }));
  return b;
}

/** port_cost (br_if.c): 10 Gb/s links (veth) cost 2, devices without a known speed 100. */
function pathCost(port: SimDev): number {
  return port.kind === 'veth' || port.kind === 'physical' ? 2 : 100;
}

function portInfo(port: SimDev): StpPortInfo {
  let p = ports.get(port);
  if (!p) {
    const br = port.brPort!.bridge;
    const no = br.bridge!.ports.indexOf(port) + 1;
    const id = bridgeId(br);
    p = { portId: (PORT_PRIORITY << 10) | no, cost: pathCost(port), desRoot: id, desCost: 0, desBridge: id, desPort: 0 };
    p.desPort = p.portId;
    ports.set(port, p);
  }
  return p;
}

function isDesignated(br: SimDev, p: StpPortInfo): boolean {
  return p.desBridge === bridgeId(br) && p.desPort === p.portId;
}

/** Whether STP keeps this port BLOCKING (neither root port nor designated). */
export function stpBlocked(port: SimDev): boolean {
  const p = ports.get(port);
  if (!p) return false;
  const br = port.brPort!.bridge;
  return bridgeInfo(br).rootPort !== port && !isDesignated(br, p);
}

function enabled(port: SimDev): boolean {
  return port.brPort!.state !== 'disabled';
}

/** br_stp_enable_port / br_init_port: the port starts as a designated port; BPDUs follow. */
export function stpPortEnabled(sim: Sim, port: SimDev): void {
  const br = port.brPort!.bridge;
  const b = bridgeInfo(br);
  const p = portInfo(port);
  p.desRoot = b.root;
  p.desCost = b.cost;
  p.desBridge = bridgeId(br);
  p.desPort = p.portId;
  if (!b.generationPending) {
    b.generationPending = true;
    sim.engine.after(0, () => {
      b.generationPending = false;
      configBpduGeneration(sim, br);
    });
  }
  if (!b.helloRunning) {
    b.helloRunning = true;
    const hello = () => {
      if (!br.up || !br.bridge!.stp) {
        b.helloRunning = false;
        return;
      }
      configBpduGeneration(sim, br);
      sim.engine.after(HELLO_NS, hello);
    };
    sim.engine.after(HELLO_NS, hello);
  }
}

/** br_config_bpdu_generation: a configuration BPDU out of every enabled designated port. */
function configBpduGeneration(sim: Sim, br: SimDev): void {
  if (!br.up) return;
  for (let i = br.bridge!.ports.length - 1; i >= 0; i--) {
    const port = br.bridge!.ports[i];
    const p = ports.get(port);
    if (p && enabled(port) && isDesignated(br, p)) transmitConfig(sim, br, port, p);
  }
}

function transmitConfig(sim: Sim, br: SimDev, port: SimDev, p: StpPortInfo): void {
  const b = bridgeInfo(br);
  const frame = new Uint8Array(52);
  frame.set(STP_GROUP, 0);
  frame.set(macToBytes(port.mac), 6);
  frame[12] = 0;
  frame[13] = 38; // 802.3 length: LLC (3) + configuration BPDU (35)
  frame.set([0x42, 0x42, 0x03], 14);
  const bpdu = 17; // protocol id 0, version 0, type 0 (config), flags 0
  writeId(frame, bpdu + 5, b.root);
  writeU32(frame, bpdu + 13, b.cost);
  writeId(frame, bpdu + 17, bridgeId(br));
  frame[bpdu + 25] = p.portId >> 8;
  frame[bpdu + 26] = p.portId & 255;
  writeU16(frame, bpdu + 27, b.rootPort ? 256 : 0); // message age (1/256 s)
  writeU16(frame, bpdu + 29, 20 * 256);
  writeU16(frame, bpdu + 31, 2 * 256);
  writeU16(frame, bpdu + 33, Math.round((br.bridge!.forwardDelayNs / 1e9) * 256));
  devXmit(sim, port, { data: frame, hops: 0, lineage: undefined, forceHost: false });
}

/**
 * br_stp_rcv + br_received_config_bpdu for a BPDU arriving on `port`; `onRolesChanged` lets
 * the caller recompute port states (port-state selection) after a role change.
 */
export function stpReceive(sim: Sim, port: SimDev, frame: Uint8Array, onRolesChanged: () => void): void {
  const br = port.brPort!.bridge;
  if (!br.bridge!.stp || !enabled(port) || frame.length < 52) return;
  if (frame[14] !== 0x42 || frame[15] !== 0x42 || frame[17] !== 0 || frame[18] !== 0 || frame[20] !== 0) return;
  const bpdu = {
    root: readId(frame, 22),
    cost: readU32(frame, 30),
    bridge: readId(frame, 34),
    port: (frame[42] << 8) | frame[43],
  };
  const p = portInfo(port);
  if (supersedes(br, p, bpdu)) {
    p.desRoot = bpdu.root;
    p.desCost = bpdu.cost;
    p.desBridge = bpdu.bridge;
    p.desPort = bpdu.port;
    const wasRoot = bridgeInfo(br).rootPort === undefined;
    configurationUpdate(br);
    onRolesChanged();
    if (bridgeInfo(br).rootPort === port || (wasRoot && bridgeInfo(br).rootPort)) configBpduGeneration(sim, br);
  } else if (isDesignated(br, p)) {
    transmitConfig(sim, br, port, p); // br_reply
  }
}

/** br_supersedes_port_info. */
function supersedes(br: SimDev, p: StpPortInfo, b: { root: string; cost: number; bridge: string; port: number }): boolean {
  if (b.root !== p.desRoot) return b.root < p.desRoot;
  if (b.cost !== p.desCost) return b.cost < p.desCost;
  if (b.bridge !== p.desBridge) return b.bridge < p.desBridge;
  if (b.bridge !== bridgeId(br)) return true;
  return b.port <= p.desPort;
}

/** br_configuration_update: root selection, then designated-port selection. */
function configurationUpdate(br: SimDev): void {
  const b = bridgeInfo(br);
  const self = bridgeId(br);
  let best: SimDev | undefined;
  for (const port of br.bridge!.ports) {
    const p = ports.get(port);
    if (!p || !enabled(port) || isDesignated(br, p) || p.desRoot >= self) continue;
    if (!best || betterRootPort(p, ports.get(best)!)) best = port;
  }
  if (best) {
    const p = ports.get(best)!;
    b.rootPort = best;
    b.root = p.desRoot;
    b.cost = p.desCost + p.cost;
  } else {
    b.rootPort = undefined;
    b.root = self;
    b.cost = 0;
  }
  for (const port of br.bridge!.ports) {
    const p = ports.get(port);
    if (!p || !enabled(port) || !shouldBecomeDesignated(br, p)) continue;
    p.desRoot = b.root;
    p.desCost = b.cost;
    p.desBridge = self;
    p.desPort = p.portId;
  }
}

function betterRootPort(p: StpPortInfo, q: StpPortInfo): boolean {
  if (p.desRoot !== q.desRoot) return p.desRoot < q.desRoot;
  if (p.desCost + p.cost !== q.desCost + q.cost) return p.desCost + p.cost < q.desCost + q.cost;
  if (p.desBridge !== q.desBridge) return p.desBridge < q.desBridge;
  if (p.desPort !== q.desPort) return p.desPort < q.desPort;
  return p.portId < q.portId;
}

/** br_should_become_designated_port. */
function shouldBecomeDesignated(br: SimDev, p: StpPortInfo): boolean {
  const b = bridgeInfo(br);
  const self = bridgeId(br);
  if (isDesignated(br, p)) return true;
  if (p.desRoot !== b.root) return true;
  if (b.cost !== p.desCost) return b.cost < p.desCost;
  if (self !== p.desBridge) return self < p.desBridge;
  return p.portId < p.desPort;
}

function writeId(f: Uint8Array, off: number, id: string): void {
  for (let i = 0; i < 8; i++) f[off + i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
}
function readId(f: Uint8Array, off: number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += f[off + i].toString(16).padStart(2, '0');
  return s;
}
function writeU32(f: Uint8Array, off: number, v: number): void {
  f[off] = v >>> 24; f[off + 1] = (v >>> 16) & 255; f[off + 2] = (v >>> 8) & 255; f[off + 3] = v & 255;
}
function readU32(f: Uint8Array, off: number): number {
  return ((f[off] << 24) | (f[off + 1] << 16) | (f[off + 2] << 8) | f[off + 3]) >>> 0;
}
function writeU16(f: Uint8Array, off: number, v: number): void {
  f[off] = v >> 8; f[off + 1] = v & 255;
}
