/** A small marker on a node whose object has validation problems; the tooltip lists them. */
import type { Id } from '../../../core/model/types';
import { useChecker } from '../../store/checker';
import { diagnosticsOf } from '../../store/selectors';
import { useAppStore } from '../../store/store';

const NONE: readonly [] = [];

export function DiagnosticMark({ id }: { id: Id }) {
  // read again once the checker has loaded
  const ready = useChecker((s) => s.ready);
  const diags = useAppStore((s) => (ready ? diagnosticsOf(s.design, id) : NONE));
  if (diags.length === 0) return null;
  const error = diags.some((d) => d.level === 'error');
  return (
    <span className={`diag-mark ${error ? 'diag-mark-error' : 'diag-mark-warning'}`} title={diags.map((d) => `${d.level}: ${d.message}`).join('\n')}
      aria-label={`${diags.length} problem${diags.length > 1 ? 's' : ''}`}>
      {error ? '!' : '?'}
    </span>
  );
}
