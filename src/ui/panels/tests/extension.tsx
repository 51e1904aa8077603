import type { UiExtension } from '../../slots/extension';
import { LabChip, LabWatch } from './lab-watch';
import { TestsPanel } from './tests-panel';

export default { id: 'tests', order: 35, tab: { title: 'Tests', Panel: TestsPanel }, Root: LabWatch, Toolbar: LabChip } satisfies UiExtension;
