/** Toolbar badge with the design's error and warning counts; opens the Diagnostics tab. */
import { useAppStore } from '../../store/store';
import { countLevels, useDesignDiagnostics } from './use-diagnostics';

export function DiagnosticsBadge() {
  const { errors, warnings } = countLevels(useDesignDiagnostics());
  const open = useAppStore((s) => s.setActiveTab);
  const cls = errors ? 'has-errors' : warnings ? 'has-warnings' : 'clean';
  return (
    <button data-testid="diagnostics-badge" className={`diag-badge ${cls}`} onClick={() => open('diagnostics')}
      title={`${errors} error(s), ${warnings} warning(s): open Diagnostics`}>
      <span aria-label="errors">✖ {errors}</span> <span aria-label="warnings">⚠ {warnings}</span>
    </button>
  );
}
