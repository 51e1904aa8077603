import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';

const ConsolePanel = lazyComponent(() => import('../../sim/console/console-panel').then((m) => m.ConsolePanel), 'the Console tab');

export default { id: 'console', order: 41, tab: { title: 'Console', Panel: ConsolePanel } } satisfies UiExtension;
