import type { UiExtension } from '../../slots/extension';
import { ScriptPanel } from './script-panel';

export default { id: 'script', order: 10, tab: { title: 'Script', Panel: ScriptPanel } } satisfies UiExtension;
