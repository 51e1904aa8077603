/**
 * The Examples tab: small networks as scripts, each opened through the importer and laid
 * out automatically, with a picture, what it shows in plain words (kept as the design's
 * notes) and its suggested tests, which open with it in the Tests tab.
 */
import { useEffect, useState } from 'react';
import type { Design } from '../../../core/model/types';
import { designFromScript, openText } from '../../features/persistence/load-script';
import { useAppStore } from '../../store/store';
import { prepareExample } from './example-design';
import { exampleMeta, stemOf, type ExampleMeta } from './example-meta';
import { Thumbnail } from './thumbnail';
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

const pictures = new Map<string, Promise<Design>>();
/** The laid-out design of an example, for its picture (imported once, on first view). */
function pictureOf(ex: Example): Promise<Design> {
  let p = pictures.get(ex.id);
  if (!p) { p = designFromScript(ex.text, ex.file).then((r) => r.design); pictures.set(ex.id, p); }
  return p;
}

function ExamplePicture({ ex }: { ex: Example }) {
  const [design, setDesign] = useState<Design | null>(null);
  useEffect(() => { let live = true; void pictureOf(ex).then((d) => { if (live) setDesign(d); }); return () => { live = false; }; }, [ex]);
  return design ? <Thumbnail design={design} label={`Picture of ${ex.title}`} /> : <div className="example-thumb" aria-hidden />;
}

export function ExamplesPanel() {
  const [examples, setExamples] = useState<Example[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => { let live = true; void loadExamples().then((e) => { if (live) setExamples(e); }); return () => { live = false; }; }, []);
  if (!examples) return <p className="muted examples-note">Loading examples…</p>;
  const open = async (ex: Example) => {
    setBusy(ex.id);
    const ok = await openText(ex.text, ex.file, ex.title, {}, (d) => prepareExample(d, ex));
    setBusy(null);
    if (ok && ex.task) useAppStore.getState().setActiveTab('tests');
  };
  return (
    <ul className="examples">
      {examples.map((ex) => (
        <li key={ex.id} className="example-card" data-testid={`example-${ex.id}`}>
          <ExamplePicture ex={ex} />
          <div className="example-body">
            <div className="example-head">
              <h3>{ex.title}</h3>
              <button data-testid={`open-example-${ex.id}`} disabled={busy !== null} onClick={() => void open(ex)}>
                {busy === ex.id ? 'Opening…' : 'Open'}
              </button>
            </div>
            <p>{ex.about}</p>
            <div className="example-tags">
              {ex.task && <span className="example-tag lab">Lab</span>}
              {ex.tests.length > 0 && <span className="example-tag">{ex.tests.length} {ex.task ? 'goals' : 'suggested tests'}</span>}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
