/**
 * The lab at the top of the Tests tab: the task, whether the goals are met (checked
 * automatically after every edit) and which drop stops the first unmet goal; below, folded
 * away, the teacher's tools: write the task, inject a fault.
 */
import { useState } from 'react';
import { FAULT_KINDS, injectFault, setLabTask, type FaultSpec } from '../../../core/model/edit/index';
import type { Design } from '../../../core/model/types';
import { useAppStore } from '../../store/store';
import { describeProbe, dropText } from './describe';
import { useLabStatus } from './lab-status';
import { setLabAudience, useLabView } from './lab-view';

function GoalStatus({ design }: { design: Design }) {
  const status = useLabStatus(design);
  if (!status || !status.total) return <p className="muted">No goals yet: tick “goal” on a test that has an expected outcome.</p>;
  const solved = status.met === status.total;
  const fail = status.firstFailing;
  const drop = fail && dropText(fail.run);
  return (
    <div className={`lab-goals ${solved ? 'solved' : ''}`} data-testid="lab-goals" role="status">
      <b>{solved ? `✓ Solved: all ${status.total} goals met` : status.unknown ? `Checking goals… ${status.met} of ${status.total} met so far` : `${status.met} of ${status.total} goals met`}</b>
      {fail && <div className="lab-blocker">Not yet: {describeProbe(fail.probe)} gives {fail.run.error ?? fail.run.summary}.
        {drop && <> It stops at <b>{drop.where}</b>: {drop.title}.</>}</div>}
    </div>
  );
}

function FaultForm({ design }: { design: Design }) {
  const apply = useAppStore((s) => s.applyCommand);
  const [kind, setKind] = useState<FaultSpec['kind']>('link-down');
  const [target, setTarget] = useState('');
  const [prefix, setPrefix] = useState('30');
  const [dst, setDst] = useState('');
  const onNs = kind === 'missing-route' || kind === 'rp-filter';
  const devices = design.hosts.filter((h) => h.role === 'host').flatMap((h) => h.devices.filter((d) => d.kind !== 'loopback').map((d) => ({ id: d.id, label: `${h.namespaces.find((n) => n.id === d.ns)?.name ?? '?'} ${d.name}` })));
  const namespaces = design.hosts.filter((h) => h.role === 'host').flatMap((h) => h.namespaces.map((n) => ({ id: n.id, label: n.name, routes: n.routes.map((r) => r.dst) })));
  const targets = onNs ? namespaces : devices;
  const chosen = targets.find((t) => t.id === target)?.id ?? targets[0]?.id ?? '';
  const routes = namespaces.find((n) => n.id === chosen)?.routes ?? [];
  const route = routes.includes(dst) ? dst : routes[0] ?? '';
  const inject = () => {
    const spec: FaultSpec = kind === 'wrong-mask' ? { kind, device: chosen, prefix: Number(prefix) }
      : kind === 'missing-route' ? { kind, ns: chosen, dst: route }
        : kind === 'rp-filter' ? { kind, ns: chosen }
          : { kind, device: chosen };
    const r = apply((d) => injectFault(d, spec));
    if (r.ok) useAppStore.getState().notify('Fault injected; the design now has it (Undo takes it back).');
  };
  return (
    <form className="lab-fault" onSubmit={(e) => { e.preventDefault(); inject(); }}>
      <label>Fault <select data-testid="fault-kind" value={kind} onChange={(e) => setKind(e.target.value as FaultSpec['kind'])}>
        {FAULT_KINDS.map((f) => <option key={f.kind} value={f.kind}>{f.label}</option>)}
      </select></label>
      <label>{onNs ? 'in' : 'on'} <select data-testid="fault-target" value={chosen} onChange={(e) => setTarget(e.target.value)}>
        {targets.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
      </select></label>
      {kind === 'wrong-mask' && <label>mask / <input data-testid="fault-prefix" type="number" min={0} max={32} value={prefix} onChange={(e) => setPrefix(e.target.value)} style={{ width: '4em' }} /></label>}
      {kind === 'missing-route' && <label>route <select data-testid="fault-route" value={route} onChange={(e) => setDst(e.target.value)}>{routes.map((r) => <option key={r}>{r}</option>)}</select></label>}
      <button type="submit" data-testid="fault-inject" disabled={!chosen}>Inject</button>
    </form>
  );
}

export function LabSection({ design }: { design: Design }) {
  const apply = useAppStore((s) => s.applyCommand);
  const lab = design.lab;
  const [task, setTask] = useState<string | null>(null);
  const student = useLabView((s) => s.audience === 'student') && !!lab;
  return (
    <section className="lab-section" aria-label="Lab">
      {lab?.task && <div className="lab-task" data-testid="lab-task"><span className="lab-tag">Lab</span> {lab.task}</div>}
      {lab && <GoalStatus design={design} />}
      {lab && (
        <div className="lab-audience" data-testid="lab-audience">
          {student
            ? <>Student view. <button className="link" data-testid="lab-teacher-view" onClick={() => setLabAudience('teacher')}
                title="Shows the injected faults and goal editing. Not a lock: the faults are part of the design.">Teacher view</button></>
            : <>Teacher view: the faults and goal editing below are hidden from students when they open this lab.{' '}
              <button className="link" data-testid="lab-student-view" onClick={() => setLabAudience('student')}>Student view</button></>}
        </div>
      )}
      {!student && <details className="lab-teacher">
        <summary>{lab ? 'Teacher: task and faults' : 'Make this design a lab'}</summary>
        <form onSubmit={(e) => { e.preventDefault(); if (task !== null) apply((d) => setLabTask(d, task)); setTask(null); }}>
          <label className="lab-task-edit">Task
            <input data-testid="lab-task-input" value={task ?? lab?.task ?? ''} onChange={(e) => setTask(e.target.value)} placeholder="make ns1 reach the gateway" />
          </label>
          <button type="submit" data-testid="lab-task-save">Save task</button>
        </form>
        <FaultForm design={design} />
        {lab?.faults?.length ? <ul className="lab-faults" data-testid="lab-faults">{lab.faults.map((f, i) => <li key={i}>{f.description}</li>)}</ul> : null}
      </details>}
    </section>
  );
}
