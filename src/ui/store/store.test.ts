import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../core/model/design';
import { addMachine } from '../../core/model/edit/add';
import { rename } from '../../core/model/edit/rename';
import { clearHistory, redo, undo, useAppStore } from './store';

const st = () => useAppStore.getState();

describe('the app store', () => {
  beforeEach(() => {
    st().loadDesign(emptyDesign());
    clearHistory();
  });

  it('applies a core command as one undo step and undoes/redoes it', () => {
    const r = st().applyCommand((d, ids) => addMachine(d, 'host', { x: 0, y: 0 }, ids));
    expect(r.ok).toBe(true);
    expect(st().design.hosts).toHaveLength(1);
    undo();
    expect(st().design.hosts).toHaveLength(0);
    redo();
    expect(st().design.hosts).toHaveLength(1);
  });

  it('leaves the design alone and reports the reason when the command is refused', () => {
    st().applyCommand((d, ids) => addMachine(d, 'host', { x: 0, y: 0 }, ids));
    const before = st().design;
    const r = st().applyCommand((d) => rename(d, d.hosts[0].id, 'a/b'));
    expect(r.ok).toBe(false);
    expect(st().design).toBe(before);
    expect(st().toasts.at(-1)).toMatchObject({ level: 'error', message: expect.stringMatching(/contains "\/"/) });
  });

  it('keeps selection, theme and tabs out of undo history', () => {
    st().applyCommand((d, ids) => addMachine(d, 'host', { x: 0, y: 0 }, ids));
    const steps = useAppStore.temporal.getState().pastStates.length;
    st().select([st().design.hosts[0].id]);
    st().setTheme('dark');
    st().setActiveTab('script');
    expect(useAppStore.temporal.getState().pastStates.length).toBe(steps);
    st().setTheme('light');
  });

  it('loadDesign replaces the document, clears the selection and bumps loadSeq', () => {
    st().select(['x']);
    const seq = st().loadSeq;
    const d = emptyDesign();
    st().loadDesign(d);
    expect(st().design).toBe(d);
    expect(st().selection).toEqual([]);
    expect(st().loadSeq).toBe(seq + 1);
  });
});
