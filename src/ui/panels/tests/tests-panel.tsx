/**
 * The Tests tab: the design's saved tests (a script's own pings, an example's suggested
 * pings, a lab's goals, the user's own), each run with one click on a fresh simulation,
 * with pass or fail against what is expected and, when it fails, the drop that stopped it.
 */
import { useMemo, useState } from 'react';
import { addTest, removeTest, setLabGoal, updateTest } from '../../../core/model/edit/index';
import type { Design, SavedTest } from '../../../core/model/types';
import { useAppStore } from '../../store/store';
import { describeProbe, dropText, EXPECT_LABEL, verdict } from './describe';
import { LabSection } from './lab-section';
import { useLabView } from './lab-view';
import { showOnCanvas } from './show-run';
import { currentRun, runTests, useTestRuns } from './test-runs';
import './tests.css';

const NO_TESTS: SavedTest[] = [];

const ORIGIN: Record<NonNullable<SavedTest['origin']>, string> = { script: 'from the script', example: 'suggested', lab: 'lab goal', user: 'yours' };

function Result({ test, design }: { test: SavedTest; design: Design }) {
  const run = useTestRuns((s) => currentRun(s.runs, design, test.id));
  const busy = useTestRuns((s) => s.running.includes(test.id));
  if (busy) return <span className="test-verdict running" data-testid={`test-verdict-${test.id}`}>running…</span>;
  const v = verdict(run);
  if (v === 'none' || !run) return <span className="test-verdict none" data-testid={`test-verdict-${test.id}`}>not run</span>;
  return <span className={`test-verdict ${v}`} data-testid={`test-verdict-${test.id}`}>{v === 'pass' ? '✓ pass' : v === 'fail' ? '✗ fail' : v === 'error' ? 'cannot run' : 'done'}</span>;
}

/** What happened, and for a failure the drop that stopped it. */
function Outcome({ test, design }: { test: SavedTest; design: Design }) {
  const run = useTestRuns((s) => currentRun(s.runs, design, test.id));
  if (!run) return null;
  const drop = dropText(run);
  const expected = test.expect ? EXPECT_LABEL[test.expect] : undefined;
  return (
    <div className="test-result">
      <span className="test-summary">Got: {run.error ?? run.summary}{run.pass === false && expected ? ` (expected ${expected})` : ''}</span>
      {drop && (
        <div className="test-drop" data-testid={`test-drop-${test.id}`}>
          <b>Stopped at {drop.where}: {drop.title}.</b> {drop.why} <span className="test-fix">Fix: <code>{drop.fix}</code></span>
        </div>
      )}
    </div>
  );
}

/** Runs one test: its verdict from a fresh simulation, and its frames played on the canvas. */
function runVisibly(design: Design, test: SavedTest): void {
  runTests(design, [test]);
  useTestRuns.setState({ shown: showOnCanvas(test) ? test.id : null });
}

function TestRow({ test, design, goal, student }: { test: SavedTest; design: Design; goal?: boolean; student: boolean }) {
  const apply = useAppStore((s) => s.applyCommand);
  // a student sees the goals but does not change them: no goal box, no removing a goal
  const locked = student && goal === true;
  const shown = useTestRuns((s) => s.shown === test.id);
  return (
    <li className={`test-row${shown ? ' shown' : ''}`} data-testid={`test-${test.id}`}>
      <div className="test-head">
        <button className="test-run" data-testid={`run-test-${test.id}`} onClick={() => runVisibly(design, test)}
          aria-label={`Run ${test.probe}`} title="Run this test and show its frames on the canvas">▶ Run</button>
        <Result test={test} design={design} />
        {shown && <span className="test-shown" data-testid={`test-shown-${test.id}`}>on the canvas</span>}
        <span className="test-what">
          <span className="test-label" title={test.probe}>{test.label ?? describeProbe(test.probe)}</span>
          {test.label && <code className="test-probe">{test.probe}</code>}
        </span>
        <label className="test-expect">expect
          <select value={test.expect ?? ''} disabled={locked} aria-label={`Expected outcome of ${test.probe}`}
            onChange={(e) => apply((d) => updateTest(d, test.id, { expect: (e.target.value || undefined) as SavedTest['expect'] }))}>
            <option value="">not stated</option>
            <option value="reply">{EXPECT_LABEL.reply}</option>
            <option value="no-reply">{EXPECT_LABEL['no-reply']}</option>
          </select>
        </label>
        {goal !== undefined && !student && (
          <label className="test-goal"><input type="checkbox" checked={goal} onChange={(e) => apply((d) => setLabGoal(d, test.id, e.target.checked))} /> goal</label>
        )}
        {student && goal && <span className="test-origin">goal</span>}
        {test.origin && !(student && goal) && <span className="test-origin">{ORIGIN[test.origin]}</span>}
        {!locked && <button className="test-remove link" aria-label={`Remove test ${test.probe}`} onClick={() => apply((d) => removeTest(d, test.id))}>✕</button>}
      </div>
      <Outcome test={test} design={design} />
    </li>
  );
}

/** Namespaces and addresses of the design, for the add form's pickers. */
function useChoices(design: Design) {
  return useMemo(() => {
    const ns = [...new Set(design.hosts.flatMap((h) => h.namespaces.map((n) => n.name)))];
    const addrs = [...new Set(design.hosts.flatMap((h) => h.devices.flatMap((d) => d.addresses.map((a) => a.cidr.split('/')[0]))))];
    return { ns, addrs };
  }, [design]);
}

function AddTest({ design }: { design: Design }) {
  const apply = useAppStore((s) => s.applyCommand);
  const { ns, addrs } = useChoices(design);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [expect, setExpect] = useState<'' | 'reply' | 'no-reply'>('reply');
  const source = from && ns.includes(from) ? from : (ns.find((n) => n !== 'host') ?? ns[0] ?? '');
  const add = () => {
    if (!to.trim()) return;
    const r = apply((d) => addTest(d, { probe: `ping ${source} ${to.trim()}`, expect: expect || undefined, origin: 'user' }));
    if (r.ok) setTo('');
  };
  return (
    <form className="test-add" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <span>Add a test:</span>
      <label>from <select data-testid="test-add-from" value={source} onChange={(e) => setFrom(e.target.value)}>{ns.map((n) => <option key={n}>{n}</option>)}</select></label>
      <label>ping <input data-testid="test-add-to" list="test-addresses" value={to} onChange={(e) => setTo(e.target.value)} placeholder="10.0.0.2" size={14} /></label>
      <datalist id="test-addresses">{addrs.map((a) => <option key={a} value={a} />)}</datalist>
      <label>expect <select data-testid="test-add-expect" value={expect} onChange={(e) => setExpect(e.target.value as typeof expect)}>
        <option value="reply">reply</option><option value="no-reply">no reply</option><option value="">not stated</option>
      </select></label>
      <button type="submit" data-testid="test-add">Add</button>
    </form>
  );
}

export function TestsPanel() {
  const design = useAppStore((s) => s.design);
  const tests = design.tests ?? NO_TESTS;
  const goals = design.lab?.goals;
  const running = useTestRuns((s) => s.running.length > 0);
  const student = useLabView((s) => s.audience === 'student') && !!design.lab;
  return (
    <div className="tests-panel">
      <LabSection design={design} />
      <div className="tests-bar">
        <h3>Saved tests <span className="muted">({tests.length})</span></h3>
        <button data-testid="run-all-tests" title="Run every test (verdicts only; ▶ Run on one test also shows its frames on the canvas)" disabled={!tests.length || running} onClick={() => runTests(design, tests)}>▶ Run all</button>
      </div>
      {tests.length === 0
        ? <p className="muted tests-empty">No saved tests yet. Add one below, or right-click a device and choose Ping; examples and labs come with their own.</p>
        : <ul className="tests-list">{tests.map((t) => <TestRow key={t.id} test={t} design={design} goal={goals ? goals.includes(t.id) : undefined} student={student} />)}</ul>}
      <AddTest design={design} />
    </div>
  );
}
