import type { UiExtension } from '../../slots/extension';
import { lazyComponent } from '../../slots/lazy';

const ScriptPanel = lazyComponent(() => import('./script-panel').then((m) => m.ScriptPanel), 'the Script tab');

export default { id: 'script', order: 10, tab: { title: 'Script', Panel: ScriptPanel } } satisfies UiExtension;
