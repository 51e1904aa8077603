import { describe, expect, it } from 'vitest';
import { importScript } from '../import/index';
import { exportDesign } from './index';
import { networkView } from './normalise';

// The conformance cases, read through Vite so this core test needs no Node APIs.
const scripts = import.meta.glob('/fixtures/{conformance,conformance-debian-6.1}/*/topology.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const cases = Object.keys(scripts).sort();

describe('import → export → import', () => {
  it('finds the conformance cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases)('%s gives the same network after a round trip through the exporter', (file) => {
    const first = importScript(scripts[file], { file });
    const exported = exportDesign(first.design, { mode: 'setup' });
    expect(exported.scripts).toHaveLength(1);
    const [script] = exported.scripts;
    const second = importScript(script.text, { file: `${file} (exported)` });
    expect(second.failedLines, script.text).toEqual([]);
    expect(networkView(second.design)).toEqual(networkView(first.design));
  });
});
