import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';
import { DiagnosticsBadge } from './diagnostics-badge';

const DiagnosticsPanel = lazyComponent(() => import('./diagnostics-panel').then((m) => m.DiagnosticsPanel), 'the Diagnostics tab');

export default {
  id: 'diagnostics', order: 20, Toolbar: DiagnosticsBadge, tab: { title: 'Diagnostics', Panel: DiagnosticsPanel },
} satisfies UiExtension;
