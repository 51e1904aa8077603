/**
 * The importer's running state: the design being built, where the script is, and how
 * results are reported. Command families read and change the design only through this.
 */
import { IdAllocator, deviceByName, namespaceByName, rootNamespace } from '../../model/design';
import type { Diagnostic } from '../../model/diagnostics';
import type { Design, Device, Host, Id, Namespace, SavedTest } from '../../model/types';

/** Where a command runs: a namespace of a machine (a script netns or an external host). */
export interface Scope {
  host: Host;
  ns: Namespace;
}

/** The design being built, the current line, and the diagnostics/sources collected so far. */
export class ImportState {
  readonly diagnostics: Diagnostic[] = [];
  private readonly sourceLines = new Map<Id, Set<number>>();
  private readonly failed = new Set<number>();
  /** 1-based line of the command being run. */
  line = 0;
  /** Shell variables (`for` loop variables, `X=1` assignments). */
  readonly vars = new Map<string, string>();
  /** The script's own probes (`ping -c`, `arping`, `ip neigh flush` …), in script order. */
  readonly tests: SavedTest[] = [];
  /** Configuration commands run so far (a saved test's `afterStep`). */
  configSteps = 0;

  constructor(
    readonly design: Design,
    readonly ids: IdAllocator,
    /** The designed machine (role 'host'). */
    readonly main: Host,
    /** File being run (the script or a sourced companion), for diagnostics. */
    public file: string,
  ) {}

  /** Reports a refused command (the kernel or the tool would fail it); always returns false. */
  fail(message: string, code?: string): false {
    this.diagnostics.push({ level: 'error', message, file: this.file, line: this.line, ...(code ? { code } : {}) });
    this.failed.add(this.line);
    return false;
  }

  warn(message: string, code?: string): void {
    this.diagnostics.push({ level: 'warning', message, file: this.file, line: this.line, ...(code ? { code } : {}) });
  }

  info(message: string, code?: string): void {
    this.diagnostics.push({ level: 'info', message, file: this.file, line: this.line, ...(code ? { code } : {}) });
  }

  /** Records that the current line created or changed the object. */
  touch(...ids: (Id | undefined)[]): void {
    for (const id of ids) {
      if (!id) continue;
      let set = this.sourceLines.get(id);
      if (!set) this.sourceLines.set(id, (set = new Set()));
      set.add(this.line);
    }
  }

  sources(): Record<Id, number[]> {
    const out: Record<Id, number[]> = {};
    for (const [id, lines] of this.sourceLines) out[id] = [...lines].sort((a, b) => a - b);
    return out;
  }

  /** Takes back a refusal the script tested for (`if ip link show X`, `cmd || true`). */
  retractFailure(line: number): void {
    this.failed.delete(line);
  }

  failedLines(): number[] {
    return [...this.failed].sort((a, b) => a - b);
  }

  rootScope(): Scope {
    return { host: this.main, ns: rootNamespace(this.main) };
  }

  /** The namespace `ip -n NAME` / `ip netns exec NAME` reaches: a script netns or an external machine. */
  netns(name: string): Scope | undefined {
    const ns = namespaceByName(this.main, name);
    if (ns) return { host: this.main, ns };
    const ext = this.design.hosts.find((h) => h.role === 'external' && h.name === name);
    return ext ? { host: ext, ns: rootNamespace(ext) } : undefined;
  }

  /**
   * The target of `netns X` in `ip link`: a namespace name, or a process id (the script's
   * processes all run in the host's root namespace, so any PID means the root).
   */
  netnsTarget(name: string): Scope | undefined {
    return this.netns(name) ?? (/^\d+$/.test(name) ? this.rootScope() : undefined);
  }

  device(scope: Scope, name: string): Device | undefined {
    return deviceByName(scope.host, scope.ns.id, name);
  }

  /** Looks a device up, failing the command like iproute2 does when it is missing. */
  needDevice(scope: Scope, name: string | undefined): Device | undefined {
    if (name === undefined) {
      this.fail('Not enough information: "dev" argument is required.');
      return undefined;
    }
    const d = this.device(scope, name);
    if (!d) this.fail(`Cannot find device "${name}"`, 'no-such-device');
    return d;
  }
}
