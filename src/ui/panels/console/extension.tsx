import type { UiExtension } from '../../slots/extension';
import { ConsolePanel } from '../../sim/console/console-panel';

export default { id: 'console', order: 41, tab: { title: 'Console', Panel: ConsolePanel } } satisfies UiExtension;
