/**
 * Root effect: while the design is a lab, its goals are run again shortly after each edit,
 * so the student sees at once whether they are met. A toolbar chip shows the count.
 */
import { useEffect } from 'react';
import { useAppStore } from '../../store/store';
import { useLabStatus } from './lab-status';
import { setLabAudience } from './lab-view';
import { runTests } from './test-runs';

const SETTLE_MS = 400;

export function LabWatch() {
  const design = useAppStore((s) => s.design);
  // a lab that is opened is handed to the student; a design without one is the author's
  const loadSeq = useAppStore((s) => s.loadSeq);
  useEffect(() => {
    if (loadSeq > 0) setLabAudience(useAppStore.getState().design.lab ? 'student' : 'teacher');
  }, [loadSeq]);
  useEffect(() => {
    const goals = new Set(design.lab?.goals ?? []);
    const tests = (design.tests ?? []).filter((t) => goals.has(t.id));
    if (!tests.length) return;
    const timer = setTimeout(() => runTests(design, tests), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [design]);
  return null;
}

export function LabChip() {
  const design = useAppStore((s) => s.design);
  const status = useLabStatus(design);
  if (!status || !status.total) return null;
  const solved = status.met === status.total;
  return (
    <button className={`lab-chip ${solved ? 'solved' : ''}`} data-testid="lab-chip" onClick={() => useAppStore.getState().setActiveTab('tests')}
      title={solved ? 'Lab solved: every goal is met (opens the Tests tab)' : `Lab: ${status.met} of ${status.total} goals met (opens the Tests tab)`}
      aria-label={solved ? 'Lab solved' : `Lab: ${status.met} of ${status.total} goals met`}>
      {solved ? 'Lab ✓' : `Lab ${status.met}/${status.total}`}
    </button>
  );
}
