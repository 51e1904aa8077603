/** Toolbar: Open (a `.json` design or a script), Save (`.json`), Import (paste or drop a script). */
import { useRef, useState } from 'react';
import { useAppStore } from '../../store/store';
import { downloadText, fileStem } from './download';
import { lazyComponent } from '../../slots/lazy';
import { openText } from './load-script';
import { restorePrevious, usePrevious } from './replace-design';

const ImportDialog = lazyComponent(() => import('./import-dialog').then((m) => m.ImportDialog), 'the import dialog', true);

export function PersistenceButtons() {
  const input = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const kept = usePrevious((s) => s.kept);
  const save = () => {
    const d = useAppStore.getState().design;
    downloadText(`${fileStem(d.title)}.json`, `${JSON.stringify(d, null, 2)}\n`, 'application/json');
  };
  return (
    <>
      <button data-testid="open-file" onClick={() => input.current?.click()} title="Open a .json design or a .sh script">Open</button>
      <input
        ref={input} type="file" accept=".json,.sh,.txt,application/json,text/plain" hidden data-testid="open-file-input"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) await openText(await f.text(), f.name);
        }}
      />
      <button data-testid="save-file" onClick={save} title="Download the design as .json">Save</button>
      <button data-testid="import-script" onClick={() => setImporting(true)} title="Import a bash script">Import</button>
      {kept && <button data-testid="previous-design" onClick={() => void restorePrevious()} aria-label="Previous design" title="Previous design: swap back to the design that the last Open, Import, example or link replaced">Previous</button>}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </>
  );
}
