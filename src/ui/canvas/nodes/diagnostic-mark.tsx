/** A small marker on a node whose object has validation problems; the tooltip lists them. */
import type { Id } from '../../../core/model/types';
import { diagnosticsOf } from '../../store/selectors';
import { useAppStore } from '../../store/store';

export function DiagnosticMark({ id }: { id: Id }) {
  const diags = useAppStore((s) => diagnosticsOf(s.design, id));
  if (diags.length === 0) return null;
  const error = diags.some((d) => d.level === 'error');
  return (
    <span className={`diag-mark ${error ? 'diag-mark-error' : 'diag-mark-warning'}`} title={diags.map((d) => `${d.level}: ${d.message}`).join('\n')}
      aria-label={`${diags.length} problem${diags.length > 1 ? 's' : ''}`}>
      {error ? '!' : '?'}
    </span>
  );
}
