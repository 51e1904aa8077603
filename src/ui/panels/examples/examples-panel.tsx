/**
 * The Examples tab: the field notes' scenarios as scripts, each opened through the importer
 * and laid out automatically, with what it shows and what the kernel does.
 */
import { useEffect, useState } from 'react';
import { openText } from '../../features/persistence/load-script';
import { exampleMeta, stemOf, type ExampleMeta } from './example-meta';
import './examples.css';

const files = import.meta.glob<string>('../../../../fixtures/examples/*.sh', { query: '?raw', import: 'default' });

interface Example extends ExampleMeta { text: string; file: string }

let cached: Promise<Example[]> | undefined;
/** Every example, loaded once, in file order. */
function loadExamples(): Promise<Example[]> {
  cached ??= Promise.all(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(async ([path, load]) => {
    const text = await load();
    const file = path.replace(/^.*\//, '');
    return { ...exampleMeta(stemOf(path), text), text, file };
  }));
  return cached;
}

export function ExamplesPanel() {
  const [examples, setExamples] = useState<Example[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => { let live = true; void loadExamples().then((e) => { if (live) setExamples(e); }); return () => { live = false; }; }, []);
  if (!examples) return <p className="muted examples-note">Loading examples…</p>;
  const open = async (ex: Example) => {
    setBusy(ex.id);
    await openText(ex.text, ex.file, ex.title);
    setBusy(null);
  };
  return (
    <ul className="examples">
      {examples.map((ex) => (
        <li key={ex.id} className="example-card" data-testid={`example-${ex.id}`}>
          <div className="example-head">
            <h3>{ex.title}</h3>
            <button data-testid={`open-example-${ex.id}`} disabled={busy !== null} onClick={() => void open(ex)}>
              {busy === ex.id ? 'Opening…' : 'Open'}
            </button>
          </div>
          <p>{ex.about}</p>
        </li>
      ))}
    </ul>
  );
}
