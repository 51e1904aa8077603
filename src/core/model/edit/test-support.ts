/** Builders for editing-command tests: a design made with the commands themselves. */
import { emptyDesign, IdAllocator } from '../design';
import type { Design, Device, Id } from '../types';
import { addDevice, addLanAt, addMachine, addNamespaceTo, type PaletteDeviceKind } from './add';
import type { EditResult } from './result';
import { connect, connectProblem, type Relation } from './connect';

/** Unwraps a successful edit (tests fail loudly on a refusal). */
export function ok(r: EditResult): Design {
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.design;
}

/** A small editing session over one design. */
export class Bench {
  design: Design = emptyDesign();
  readonly hostId: Id;
  readonly rootNs: Id;

  constructor() {
    this.design = ok(addMachine(this.design, 'host', { x: 0, y: 0 }, new IdAllocator(this.design)));
    this.hostId = this.design.hosts[0].id;
    this.rootNs = this.design.hosts[0].namespaces[0].id;
  }

  apply(fn: (d: Design, ids: IdAllocator) => EditResult): Id[] {
    const r = fn(this.design, new IdAllocator(this.design));
    this.design = ok(r);
    return r.ok ? r.created : [];
  }

  device(kind: PaletteDeviceKind, ns = this.rootNs): Id {
    return this.apply((d, ids) => addDevice(d, kind, ns, { x: 10, y: 10 }, ids))[0];
  }

  namespace(name?: string): Id {
    return this.apply((d, ids) => addNamespaceTo(d, this.hostId, { x: 0, y: 0 }, ids, name))[0];
  }

  lan(): Id {
    return this.apply((d, ids) => addLanAt(d, { x: 0, y: 0 }, ids))[0];
  }

  /** Connects (arguments are evaluated before the current design is read). */
  link(a: Id, b: Id, relation: Relation): void {
    this.design = ok(connect(this.design, a, b, relation));
  }

  problem(a: Id, b: Id, relation: Relation): string | undefined {
    return connectProblem(this.design, a, b, relation);
  }

  get(id: Id): Device {
    return this.design.hosts.flatMap((h) => h.devices).find((d) => d.id === id)!;
  }

  has(id: Id): boolean {
    return this.design.hosts.some((h) => h.devices.some((d) => d.id === id));
  }
}
