import { describe, expect, it } from 'vitest';
import { editCase } from '../../fuzz/edit-case';
import { sampleSessions } from '../../fuzz/edit-session';
import { importScript } from '../import/index';
import { exportDesign } from './index';
import { networkView } from './normalise';

// The conformance cases and the field notes, read through Vite so this core test needs no Node APIs.
const scripts = import.meta.glob(['/fixtures/{conformance,conformance-debian-6.1,conformance-fuzz,conformance-conntrack,conformance-transport}/*/topology.sh', '/fixtures/seeds/*.sh'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const cases = Object.keys(scripts).filter((f) => !f.includes('conformance-fuzz') && !f.includes('/seeds/')).sort();
const all = Object.keys(scripts).sort();

const exported = (text: string, file: string) => {
  const r = exportDesign(importScript(text, { file }).design, { mode: 'setup' });
  expect(r.scripts, r.diagnostics.map((d) => d.message).join('\n')).toHaveLength(1);
  return r.scripts[0].text;
};

describe('import → export → import', () => {
  it('finds the conformance cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases)('%s gives the same network after a round trip through the exporter', (file) => {
    const first = importScript(scripts[file], { file });
    const exportedOnce = exportDesign(first.design, { mode: 'setup' });
    expect(exportedOnce.scripts).toHaveLength(1);
    const [script] = exportedOnce.scripts;
    const second = importScript(script.text, { file: `${file} (exported)` });
    expect(second.failedLines, script.text).toEqual([]);
    expect(networkView(second.design)).toEqual(networkView(first.design));
  });

  it.each(all)('%s: export(import(export)) is byte-identical to the first export', (file) => {
    const once = exported(scripts[file], file);
    expect(exported(once, `${file} (exported)`)).toBe(once);
  });
});

describe('editing sessions → export → import', () => {
  const sessions = sampleSessions(10_400, 300);
  const designs = sessions.map((s) => editCase(s)).filter((c) => c.script);

  it('exports most sessions', () => {
    expect(designs.length).toBeGreaterThan(180);
  });

  it('gives the same design up to ids and layout, and the same script again', () => {
    for (const c of designs) {
      const back = importScript(c.script!, { file: 'exported.sh' });
      expect(back.failedLines, c.script).toEqual([]);
      expect(networkView(back.design), c.script).toEqual(networkView(c.built));
      const again = exportDesign(back.design, { mode: 'setup' }).scripts[0]?.text;
      expect(again, c.script).toBe(c.script);
    }
  });
});
