import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';
import { LabChip, LabWatch } from './lab-watch';

const TestsPanel = lazyComponent(() => import('./tests-panel').then((m) => m.TestsPanel), 'the Tests tab');

export default { id: 'tests', order: 35, tab: { title: 'Tests', Panel: TestsPanel }, Root: LabWatch, Toolbar: LabChip } satisfies UiExtension;
