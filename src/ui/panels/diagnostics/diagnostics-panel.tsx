/**
 * The Diagnostics tab: the design's errors and warnings, live, and what the last import said
 * about its script (with line numbers). Clicking a problem selects its object on the canvas.
 */
import type { Diagnostic } from '../../../core/model/diagnostics';
import type { Design } from '../../../core/model/types';
import { useImportReport } from '../../features/persistence/import-report';
import { useAppStore } from '../../store/store';
import { useDesignDiagnostics } from './use-diagnostics';
import './diagnostics.css';

/** The drawn object that stands for `id`: loopbacks are not drawn, so their namespace stands in. */
function drawnObject(design: Design, id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (design.lans.some((l) => l.id === id)) return id;
  for (const h of design.hosts) {
    if (h.id === id) return id;
    const ns = h.namespaces.find((n) => n.id === id);
    if (ns) return ns.root ? h.id : id;
    const dev = h.devices.find((x) => x.id === id);
    if (dev) {
      if (dev.kind !== 'loopback') return id;
      return h.namespaces.find((n) => n.id === dev.ns)?.root ? h.id : dev.ns;
    }
  }
  return undefined;
}

function Row({ d, design, sourceLine }: { d: Diagnostic; design: Design; sourceLine?: string }) {
  const select = useAppStore((s) => s.select);
  const target = drawnObject(design, d.object);
  const where = d.line ? `${d.file ?? 'line'}:${d.line}${d.column ? `:${d.column}` : ''}` : d.path ?? '';
  return (
    <li className={`diag-row diag-${d.level}${target ? ' clickable' : ''}`} data-testid="diagnostic" data-object={d.object}
      onClick={target ? () => select([target]) : undefined} title={target ? 'Select on the canvas' : undefined}>
      <span className="diag-level">{d.level}</span>
      {where && <span className="diag-where">{where}</span>}
      <span className="diag-message">{d.message}</span>
      {sourceLine !== undefined && <code className="diag-source">{sourceLine.trim()}</code>}
    </li>
  );
}

export function DiagnosticsPanel() {
  const list = useDesignDiagnostics();
  const design = useAppStore((s) => s.design);
  const report = useImportReport((s) => s.report);
  const clear = useImportReport((s) => s.setReport);
  const lines = report?.text?.split('\n');
  const shown = report?.diagnostics.filter((d) => d.level !== 'info' || d.code !== 'prompt') ?? [];
  return (
    <div className="diagnostics-panel">
      <section>
        <h3>Design</h3>
        {list.length === 0
          ? <p className="muted">No problems found.</p>
          : <ul>{list.map((d, i) => <Row key={i} d={d} design={design} />)}</ul>}
      </section>
      {report && (
        <section data-testid="import-diagnostics">
          <h3>
            Import of {report.source}{' '}
            <button className="link-button" onClick={() => clear(null)}>clear</button>
          </h3>
          {shown.length === 0
            ? <p className="muted">Read without problems.</p>
            : <ul>{shown.map((d, i) => <Row key={i} d={d} design={design} sourceLine={d.line && lines ? lines[d.line - 1] : undefined} />)}</ul>}
        </section>
      )}
    </div>
  );
}
