import type { UiExtension } from '../../slots/extension';
import { DiagnosticsBadge } from './diagnostics-badge';
import { DiagnosticsPanel } from './diagnostics-panel';

export default {
  id: 'diagnostics', order: 20, Toolbar: DiagnosticsBadge, tab: { title: 'Diagnostics', Panel: DiagnosticsPanel },
} satisfies UiExtension;
