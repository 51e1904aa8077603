/**
 * The script header that carries the world outside the host (format: docs/conformance-format.md):
 *
 *   # phys: NAME [ADDR/LEN ...] [lan=SEGMENT] [mac=MAC] [hairpin] [down]
 *   # host: NAME [ADDR/LEN ...] lan=SEGMENT [via GATEWAY] [mac=MAC]
 *
 * Parsing never throws: problems come back as located diagnostics.
 */
import type { Diagnostic } from '../model/diagnostics';

export interface PhysDecl {
  name: string;
  addrs: string[];
  /** Segment name; defaults to the NIC's own name. */
  lan: string;
  mac: string | null;
  hairpin: boolean;
  down: boolean;
  line: number;
}

export interface HostDecl {
  name: string;
  addrs: string[];
  lan: string;
  mac: string | null;
  via: string | null;
  line: number;
}

export interface WorldHeader {
  phys: PhysDecl[];
  hosts: HostDecl[];
}

const DECL = /^#\s*(phys|host):\s*(.*?)\s*$/;
const CIDR_TOKEN = /^\d+\.\d+\.\d+\.\d+\/\d+$/;

/** Reads every `# phys:` / `# host:` line of a script (anywhere in it, as the harness does). */
export function parseWorldHeader(text: string, file = 'script'): { header: WorldHeader; diagnostics: Diagnostic[] } {
  const header: WorldHeader = { phys: [], hosts: [] };
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const m = DECL.exec(raw);
    if (!m) return;
    const kind = m[1] as 'phys' | 'host';
    const toks = m[2].split('#', 1)[0].split(/\s+/).filter(Boolean);
    const err = (message: string) => diagnostics.push({ level: 'error', message, file, line });
    if (toks.length === 0) return err(`empty ${kind} declaration`);
    let lan: string | null = null;
    let mac: string | null = null;
    let via: string | null = null;
    let hairpin = false;
    let down = false;
    const addrs: string[] = [];
    for (let i = 1; i < toks.length; i++) {
      const t = toks[i];
      if (CIDR_TOKEN.test(t)) addrs.push(t);
      else if (t.startsWith('lan=')) lan = t.slice(4);
      else if (t.startsWith('mac=')) mac = t.slice(4).toLowerCase();
      else if (t === 'hairpin' && kind === 'phys') hairpin = true;
      else if (t === 'down' && kind === 'phys') down = true;
      else if (t === 'via' && kind === 'host' && i + 1 < toks.length) via = toks[++i];
      else return err(`cannot parse "${t}" in ${kind} declaration`);
    }
    if (kind === 'phys') header.phys.push({ name: toks[0], addrs, lan: lan ?? toks[0], mac, hairpin, down, line });
    else if (!lan) err(`host ${toks[0]} needs lan=SEGMENT`);
    else header.hosts.push({ name: toks[0], addrs, lan, mac, via, line });
  });
  return { header, diagnostics };
}

/** Writes the header lines for a world, in the order given. */
export function formatWorldHeader(header: WorldHeader): string[] {
  const lines: string[] = [];
  for (const p of header.phys) {
    const parts = ['# phys:', p.name, ...p.addrs];
    if (p.lan !== p.name) parts.push(`lan=${p.lan}`);
    if (p.mac) parts.push(`mac=${p.mac}`);
    if (p.hairpin) parts.push('hairpin');
    if (p.down) parts.push('down');
    lines.push(parts.join(' '));
  }
  for (const h of header.hosts) {
    const parts = ['# host:', h.name, ...h.addrs, `lan=${h.lan}`];
    if (h.via) parts.push('via', h.via);
    if (h.mac) parts.push(`mac=${h.mac}`);
    lines.push(parts.join(' '));
  }
  return lines;
}
